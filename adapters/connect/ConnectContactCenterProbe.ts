import {
  type ConnectClient,
  DescribeContactFlowCommand,
  DescribeContactFlowModuleCommand,
  DescribeInstanceCommand,
  ListBotsCommand,
  ListContactFlowModulesCommand,
  ListContactFlowsCommand,
  ListHoursOfOperationsCommand,
  ListLambdaFunctionsCommand,
  ListPromptsCommand,
  ListQueuesCommand,
  ListQuickConnectsCommand,
  ListSecurityKeysCommand,
  ListTaskTemplatesCommand,
  ListUsersCommand,
  ListViewsCommand,
  SearchContactFlowModulesCommand,
  SearchContactFlowsCommand,
} from '@aws-sdk/client-connect';
import type { ContactCenterProbe, ProbeAnswer } from '../../core/ports.js';
import { awsProbeAnswer } from '../aws/probeAnswer.js';

/** Options of {@link ConnectContactCenterProbe}. */
export interface ConnectContactCenterProbeOptions {
  readonly client: ConnectClient;
  readonly instanceId: string;
  readonly region: string;
}

/**
 * An id no flow has: a Describe call with it is answered ResourceNotFound when the caller may make
 * it (IAM is evaluated before the lookup) and AccessDenied when not, without reading anything.
 */
const NO_SUCH_ID = '00000000-0000-0000-0000-000000000000';

type Send = (client: ConnectClient, InstanceId: string) => Promise<unknown>;

/** Every read call flowgate makes on an instance (adapters/connect), each asked for one item. */
const OPERATIONS: Readonly<Record<string, Send>> = {
  ListQueues: (c, InstanceId) => c.send(new ListQueuesCommand({ InstanceId, MaxResults: 1 })),
  ListPrompts: (c, InstanceId) => c.send(new ListPromptsCommand({ InstanceId, MaxResults: 1 })),
  ListHoursOfOperations: (c, InstanceId) =>
    c.send(new ListHoursOfOperationsCommand({ InstanceId, MaxResults: 1 })),
  ListQuickConnects: (c, InstanceId) => c.send(new ListQuickConnectsCommand({ InstanceId, MaxResults: 1 })),
  ListUsers: (c, InstanceId) => c.send(new ListUsersCommand({ InstanceId, MaxResults: 1 })),
  ListContactFlows: (c, InstanceId) => c.send(new ListContactFlowsCommand({ InstanceId, MaxResults: 1 })),
  ListContactFlowModules: (c, InstanceId) =>
    c.send(new ListContactFlowModulesCommand({ InstanceId, MaxResults: 1 })),
  ListLambdaFunctions: (c, InstanceId) =>
    c.send(new ListLambdaFunctionsCommand({ InstanceId, MaxResults: 1 })),
  ListBots: (c, InstanceId) => c.send(new ListBotsCommand({ InstanceId, LexVersion: 'V2', MaxResults: 1 })),
  ListSecurityKeys: (c, InstanceId) => c.send(new ListSecurityKeysCommand({ InstanceId, MaxResults: 1 })),
  ListTaskTemplates: (c, InstanceId) => c.send(new ListTaskTemplatesCommand({ InstanceId, MaxResults: 1 })),
  ListViews: (c, InstanceId) => c.send(new ListViewsCommand({ InstanceId, MaxResults: 1 })),
  SearchContactFlows: (c, InstanceId) => c.send(new SearchContactFlowsCommand({ InstanceId, MaxResults: 1 })),
  SearchContactFlowModules: (c, InstanceId) =>
    c.send(new SearchContactFlowModulesCommand({ InstanceId, MaxResults: 1 })),
  DescribeContactFlow: (c, InstanceId) =>
    c.send(new DescribeContactFlowCommand({ InstanceId, ContactFlowId: NO_SUCH_ID })),
  DescribeContactFlowModule: (c, InstanceId) =>
    c.send(new DescribeContactFlowModuleCommand({ InstanceId, ContactFlowModuleId: NO_SUCH_ID })),
};

/** An Amazon Connect instance, asked with the caller's credentials what publishing there needs. */
export class ConnectContactCenterProbe implements ContactCenterProbe {
  readonly subject: string;
  readonly operations = Object.keys(OPERATIONS);
  readonly #client: ConnectClient;
  readonly #instanceId: string;

  constructor(options: ConnectContactCenterProbeOptions) {
    this.#client = options.client;
    this.#instanceId = options.instanceId;
    this.subject = `Amazon Connect instance ${options.instanceId} in ${options.region}`;
  }

  async describeInstance(): Promise<ProbeAnswer> {
    try {
      const answer = await this.#client.send(new DescribeInstanceCommand({ InstanceId: this.#instanceId }));
      const alias = answer.Instance?.InstanceAlias;
      const status = answer.Instance?.InstanceStatus;
      return {
        kind: 'ok',
        detail: `exists${alias === undefined ? '' : ` (${alias})`}${status === undefined ? '' : `, ${status}`}`,
      };
    } catch (error) {
      const answer = awsProbeAnswer(error, 'connect:DescribeInstance');
      return answer.kind === 'missing'
        ? {
            kind: 'missing',
            message: `no instance ${this.#instanceId} in this account and Region (check connect.instanceArn and connect.region in the config, and which account these credentials are for)`,
          }
        : answer;
    }
  }

  async tryOperation(operation: string): Promise<ProbeAnswer> {
    const send = OPERATIONS[operation];
    if (send === undefined) return { kind: 'unchecked', message: `flowgate does not call ${operation}` };
    try {
      await send(this.#client, this.#instanceId);
      return { kind: 'ok', detail: 'allowed' };
    } catch (error) {
      const answer = awsProbeAnswer(error, `connect:${operation}`);
      // A Describe of the made-up id got past IAM: the call is allowed.
      return answer.kind === 'missing' && operation.startsWith('Describe')
        ? { kind: 'ok', detail: 'allowed' }
        : answer;
    }
  }
}
