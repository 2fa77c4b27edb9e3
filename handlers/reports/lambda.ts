/**
 * The reports Lambda (`GET /reports/{token}`): serves the HTML report a signed link names, from
 * the page kept with the version (rendered and kept on first open for versions without one).
 * Read-mostly: it holds no Slack token and cannot touch Connect.
 */
import { awsStores } from '../../app/compose/stores.js';
import { readReportsEnvironment } from '../../app/environment.js';
import { createReportHandler } from './handler.js';

const env = readReportsEnvironment(process.env);

export const handler = createReportHandler({
  service: awsStores(env),
  secret: env.secret,
});
