// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are flow templates, written as they appear in exported flows.
import { describe, expect, it } from 'vitest';
import {
  arnResourceKind,
  isAwsManagedViewArn,
  lambdaFunctionName,
  lexV1BotOfArn,
} from '../../../core/references/arnKind.js';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/6f0c2e1a-4b7d-4c3e-9a51-2d8e7f6a1b90';

describe('arnResourceKind', () => {
  it.each([
    [`${INSTANCE}/queue/0b6f5a7e-1c2d-4e3f-8a9b-0c1d2e3f4a5b`, 'queue'],
    [`${INSTANCE}/contact-flow/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f`, 'flow'],
    [`${INSTANCE}/contact-flow/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f:$SAVED`, 'flow'],
    [`${INSTANCE}/flow-module/4e5f6a7b-8c9d-4e0f-8a1b-2c3d4e5f6a7b`, 'module'],
    [`${INSTANCE}/prompt/5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f`, 'prompt'],
    [`${INSTANCE}/operating-hours/2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e`, 'hours'],
    [`${INSTANCE}/agent/8f9a0b1c-2d3e-4f5a-8b6c-7d8e9f0a1b2c`, 'user'],
    [`${INSTANCE}/transfer-destination/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d`, 'quick-connect'],
    [`${INSTANCE}/task-template/b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e`, 'task-template'],
    [`${INSTANCE}/view/c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f:3`, 'view'],
    ['arn:aws:connect:us-east-1:aws:view/confirmation', 'view'],
    ['arn:aws:lambda:us-east-1:111122223333:function:lookup-account:live', 'lambda'],
    ['arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDEF1234/TSTALIAS01', 'lex-bot'],
    ['arn:aws:connect:${REGION}:${ACCT}:instance/${INSTANCE_ID}/queue/${Q:sales:Q}', 'queue'],
    ['arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:send-sms', 'lambda'],
  ])('reads %s as %s', (arn, expected) => {
    expect(arnResourceKind(arn)).toBe(expected);
  });

  it.each([
    [`${INSTANCE}/routing-profile/d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a`],
    [INSTANCE],
    ['arn:aws:s3:::example-recordings'],
    ['arn:aws:lex:us-east-1:111122223333:bot:OrderBotV1:prod'],
    ['not an arn'],
  ])('returns null when %s is not a referenced kind', (arn) => {
    expect(arnResourceKind(arn)).toBeNull();
  });
});

describe('lambdaFunctionName', () => {
  it.each([
    ['arn:aws:lambda:us-east-1:111122223333:function:lookup-account', 'lookup-account'],
    ['arn:aws:lambda:us-east-1:111122223333:function:lookup-account:live', 'lookup-account'],
    ['arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:send-sms', 'send-sms'],
    ['arn:aws:lambda:us-east-1:111122223333:function:${FunctionName}', null],
    [`${INSTANCE}/queue/0b6f5a7e-1c2d-4e3f-8a9b-0c1d2e3f4a5b`, null],
  ])('names the function of %s %j', (arn, expected) => {
    expect(lambdaFunctionName(arn)).toBe(expected);
  });
});

describe('isAwsManagedViewArn', () => {
  it.each([
    ['arn:aws:connect:us-east-1:aws:view/confirmation', true],
    [`${INSTANCE}/view/c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f`, false],
  ])('says %s is AWS-managed: %s', (arn, expected) => {
    expect(isAwsManagedViewArn(arn)).toBe(expected);
  });
});

describe('lexV1BotOfArn', () => {
  it('reads region and alias when the ARN names a Lex V1 bot alias', () => {
    expect(lexV1BotOfArn('arn:aws:lex:eu-west-2:444455556666:bot:OrderBotV1:live')).toEqual({
      region: 'eu-west-2',
      alias: 'live',
    });
  });

  it('returns null when the ARN is a Lex V2 alias', () => {
    expect(lexV1BotOfArn('arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDEF1234/TSTALIAS01')).toBeNull();
  });
});
