import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatArn,
  formatInstanceResourceArn,
  idOf,
  parseArn,
  resourceKindOfArn,
  unqualifiedArn,
} from '../../../core/resolve/arn.js';
import { corpusDir, corpusFiles } from '../../fixtures.js';

const INSTANCE = 'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-4333-8444-555555555555';
const FLOW_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

describe('parseArn', () => {
  it.each([
    {
      label: 'an instance',
      arn: INSTANCE,
      expected: {
        resourceType: 'instance',
        instanceId: '11111111-2222-4333-8444-555555555555',
        resourceId: '11111111-2222-4333-8444-555555555555',
        qualifier: null,
      },
    },
    {
      label: 'a contact flow',
      arn: `${INSTANCE}/contact-flow/${FLOW_ID}`,
      expected: { resourceType: 'contact-flow', resourceId: FLOW_ID, qualifier: null },
    },
    {
      label: 'a saved flow',
      arn: `${INSTANCE}/contact-flow/${FLOW_ID}:$SAVED`,
      expected: { resourceType: 'contact-flow', resourceId: FLOW_ID, qualifier: '$SAVED' },
    },
    {
      label: 'a flow version',
      arn: `${INSTANCE}/contact-flow/${FLOW_ID}:7`,
      expected: { resourceType: 'contact-flow', resourceId: FLOW_ID, qualifier: '7' },
    },
    {
      label: 'a flow module',
      arn: `${INSTANCE}/flow-module/m-1`,
      expected: { resourceType: 'flow-module', resourceId: 'm-1' },
    },
    {
      label: 'a queue',
      arn: `${INSTANCE}/queue/q-1`,
      expected: { resourceType: 'queue', resourceId: 'q-1' },
    },
    {
      label: 'a prompt',
      arn: `${INSTANCE}/prompt/p-1`,
      expected: { resourceType: 'prompt', resourceId: 'p-1' },
    },
    {
      label: 'hours',
      arn: `${INSTANCE}/operating-hours/h-1`,
      expected: { resourceType: 'operating-hours', resourceId: 'h-1' },
    },
    {
      label: 'a quick connect',
      arn: `${INSTANCE}/transfer-destination/qc-1`,
      expected: { resourceType: 'transfer-destination', resourceId: 'qc-1' },
    },
    { label: 'a user', arn: `${INSTANCE}/agent/u-1`, expected: { resourceType: 'agent', resourceId: 'u-1' } },
    {
      label: 'a routing profile',
      arn: `${INSTANCE}/routing-profile/rp-1`,
      expected: { resourceType: 'routing-profile', resourceId: 'rp-1' },
    },
    {
      label: 'a task template',
      arn: `${INSTANCE}/task-template/tt-1`,
      expected: { resourceType: 'task-template', resourceId: 'tt-1' },
    },
    {
      label: 'a customer view with a qualifier',
      arn: `${INSTANCE}/view/v-1:$LATEST`,
      expected: { resourceType: 'view', resourceId: 'v-1', qualifier: '$LATEST' },
    },
    {
      label: 'an AWS-managed view',
      arn: 'arn:aws:connect:eu-west-2:aws:view/form',
      expected: { account: 'aws', resourceType: 'view', instanceId: null, resourceId: 'form' },
    },
    {
      label: 'a phone number',
      arn: 'arn:aws:connect:us-east-1:123456789012:phone-number/pn-1',
      expected: { resourceType: 'phone-number', instanceId: null, resourceId: 'pn-1' },
    },
    {
      label: 'a legacy phone number under an instance',
      arn: `${INSTANCE}/phone-number/pn-1`,
      expected: {
        resourceType: 'phone-number',
        instanceId: '11111111-2222-4333-8444-555555555555',
        resourceId: 'pn-1',
      },
    },
    {
      label: 'a Lambda function',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:lookup-customer',
      expected: {
        service: 'lambda',
        resourceType: 'function',
        resourceId: 'lookup-customer',
        qualifier: null,
      },
    },
    {
      label: 'a Lambda alias',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:lookup-customer:prod',
      expected: { resourceType: 'function', resourceId: 'lookup-customer', qualifier: 'prod' },
    },
    {
      label: 'a Lex V2 alias',
      arn: 'arn:aws:lex:us-west-2:123456789012:bot-alias/BOT1234567/ALIAS12345',
      expected: { service: 'lex', resourceType: 'bot-alias', botId: 'BOT1234567', resourceId: 'ALIAS12345' },
    },
    {
      label: 'a GovCloud queue',
      arn: 'arn:aws-us-gov:connect:us-gov-west-1:123456789012:instance/i-1/queue/q-1',
      expected: { partition: 'aws-us-gov', region: 'us-gov-west-1', resourceId: 'q-1' },
    },
  ])('splits $label', ({ arn, expected }) => {
    const parsed = parseArn(arn);

    expect(parsed).toMatchObject(expected);
  });

  it('keeps the partition, region and account when given a Connect ARN', () => {
    const parsed = parseArn(`${INSTANCE}/queue/q-1`);

    expect(parsed).toMatchObject({
      partition: 'aws',
      service: 'connect',
      region: 'us-east-1',
      account: '123456789012',
    });
  });

  it.each([
    ['a bare id', FLOW_ID],
    ['a JSONPath', '$.Attributes.queue'],
    ['the empty string', ''],
    ['too few fields', 'arn:aws:connect:us-east-1'],
    ['an unknown partition', 'arn:gcp:connect:us-east-1:123456789012:instance/i-1'],
    ['an empty resource', 'arn:aws:connect:us-east-1:123456789012:'],
    ['an instance path without an id', `${INSTANCE}/queue`],
    ['an empty path segment', `${INSTANCE}//queue/q-1`],
    ['a Lambda ARN without a name', 'arn:aws:lambda:us-east-1:123456789012:function:'],
    ['a Lex alias without an alias id', 'arn:aws:lex:us-west-2:123456789012:bot-alias/BOT1234567'],
    ['something longer than any ARN', `arn:aws:connect:us-east-1:1:instance/${'x'.repeat(3000)}`],
  ])('returns null when given %s', (_label, value) => {
    expect(parseArn(value)).toBeNull();
  });

  it('returns null when given a partition of hundreds of dashed words', () => {
    const hostile = `arn:aws${'-a'.repeat(900)}:connect:us-east-1:123456789012:instance/i-1`;

    expect(parseArn(hostile)).toBeNull();
  });
});

describe('resourceKindOfArn', () => {
  it.each([
    [`${INSTANCE}/contact-flow/${FLOW_ID}:$SAVED`, 'flow'],
    [`${INSTANCE}/flow-module/m-1`, 'module'],
    [`${INSTANCE}/queue/q-1`, 'queue'],
    [`${INSTANCE}/prompt/p-1`, 'prompt'],
    [`${INSTANCE}/operating-hours/h-1`, 'hours'],
    [`${INSTANCE}/transfer-destination/qc-1`, 'quick-connect'],
    [`${INSTANCE}/agent/u-1`, 'user'],
    [`${INSTANCE}/task-template/tt-1`, 'task-template'],
    ['arn:aws:connect:eu-west-2:aws:view/form', 'view'],
    ['arn:aws:lambda:us-east-1:123456789012:function:f:prod', 'lambda'],
    ['arn:aws:lex:us-west-2:123456789012:bot-alias/BOT1234567/ALIAS12345', 'lex-bot'],
    ['arn:aws:lex:us-east-1:123456789012:bot:OrderFlowers:prod', 'lex-v1-bot'],
    ['arn:aws:cases:us-east-1:123456789012:domain/d-1/template/t-1', 'case-template'],
  ])('returns the kind of %s', (arn, kind) => {
    expect(resourceKindOfArn(arn)).toBe(kind);
  });

  it.each([
    ['a routing profile', `${INSTANCE}/routing-profile/rp-1`],
    ['an instance', INSTANCE],
    ['an S3 bucket', 'arn:aws:s3:::my-bucket'],
    ['a non-ARN', 'Sales'],
  ])('returns null when given %s', (_label, arn) => {
    expect(resourceKindOfArn(arn)).toBeNull();
  });
});

describe('formatArn', () => {
  it('rebuilds the ARN when given the parts of a parsed one', () => {
    const arn = `${INSTANCE}/contact-flow/${FLOW_ID}:$SAVED`;
    const parsed = parseArn(arn);

    expect(parsed && formatArn(parsed)).toBe(arn);
  });
});

describe('formatInstanceResourceArn', () => {
  it('builds a resource ARN inside the instance when given a Connect kind', () => {
    expect(formatInstanceResourceArn(INSTANCE, 'module', 'm-9')).toBe(`${INSTANCE}/flow-module/m-9`);
  });

  it('returns null when the kind has no instance ARN', () => {
    expect(formatInstanceResourceArn(INSTANCE, 'lambda', 'f')).toBeNull();
  });
});

describe('idOf', () => {
  it.each([
    [
      'the trailing id of a flow ARN without its qualifier',
      `${INSTANCE}/contact-flow/${FLOW_ID}:$SAVED`,
      FLOW_ID,
    ],
    ['the function name of a Lambda ARN', 'arn:aws:lambda:us-east-1:123456789012:function:f:prod', 'f'],
    [
      'the alias id of a Lex V2 ARN',
      'arn:aws:lex:us-west-2:123456789012:bot-alias/BOT1234567/ALIAS12345',
      'ALIAS12345',
    ],
    ['a bare id, trimmed', ` ${FLOW_ID} `, FLOW_ID],
  ])('returns %s', (_label, value, expected) => {
    expect(idOf(value)).toBe(expected);
  });
});

describe('unqualifiedArn', () => {
  it('drops the qualifier when given a saved flow ARN', () => {
    expect(unqualifiedArn(`${INSTANCE}/contact-flow/${FLOW_ID}:$SAVED`)).toBe(
      `${INSTANCE}/contact-flow/${FLOW_ID}`,
    );
  });

  it('keeps the alias when given a Lambda alias ARN', () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:f:prod';

    expect(unqualifiedArn(arn)).toBe(arn);
  });
});

describe('parseArn on the corpus', () => {
  /** Every concrete ARN string in a JSON document (placeholder and JSONPath ARNs left out). */
  function arnsIn(value: unknown, out: string[] = []): string[] {
    if (typeof value === 'string') {
      if (value.startsWith('arn:') && !/[$<{]/.test(value)) out.push(value);
      else if (value.startsWith('{')) {
        try {
          arnsIn(JSON.parse(value), out);
        } catch {
          // a Content string that is not JSON is another area's concern
        }
      }
    } else if (Array.isArray(value)) {
      for (const item of value) arnsIn(item, out);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) arnsIn(item, out);
    }
    return out;
  }

  const arns = corpusFiles().flatMap((file) =>
    corpusDir === null ? [] : arnsIn(JSON.parse(readFileSync(join(corpusDir, file), 'utf8'))),
  );

  it('parses every concrete ARN in the corpus to a known resource kind', () => {
    const unknown = arns.filter((arn) => resourceKindOfArn(arn) === null);

    expect(unknown).toEqual([]);
  });
});
