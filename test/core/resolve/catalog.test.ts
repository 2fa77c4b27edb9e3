import { describe, expect, it } from 'vitest';
import { arnOf, catalog, resource, SOURCE_INSTANCE, TARGET_INSTANCE } from './builders.js';

const PARENT_INSTANCE =
  'arn:aws:connect:eu-west-2:111122223333:instance/7d1e0c52-5b8a-4c61-9d0e-0000000000ff';

describe('Catalog.findByArn', () => {
  it('finds the resource when the ARN matches exactly', () => {
    const sales = resource('queue', 'q-sales', 'Sales');

    const hit = catalog([sales]).findByArn('queue', sales.arn);

    expect(hit).toEqual({ resource: sales, inherited: false });
  });

  it('ignores the qualifier when given a saved flow ARN', () => {
    const main = resource('flow', 'f-main', 'Main');

    const hit = catalog([main]).findByArn('flow', `${main.arn}:$SAVED`);

    expect(hit?.resource).toBe(main);
  });

  it('returns null when the ARN is of another kind', () => {
    const sales = resource('queue', 'q-sales', 'Sales');

    expect(catalog([sales]).findByArn('prompt', sales.arn)).toBeNull();
  });

  it('finds a Lambda only by its exact alias ARN', () => {
    const prod = resource('lambda', 'billing', 'billing', {
      arn: 'arn:aws:lambda:eu-west-2:111122223333:function:billing:prod',
    });
    const target = catalog([prod]);

    expect(
      target.findByArn('lambda', 'arn:aws:lambda:eu-west-2:111122223333:function:billing:prod')?.resource,
    ).toBe(prod);
    expect(target.findByArn('lambda', 'arn:aws:lambda:eu-west-2:111122223333:function:billing')).toBeNull();
  });

  it('falls through to the parent and marks the hit inherited when the child lacks the ARN', () => {
    const shared = resource('prompt', 'p-hold', 'Hold music', {
      arn: arnOf('prompt', 'p-hold', PARENT_INSTANCE),
    });
    const child = catalog([], { parent: catalog([shared], { instanceArn: PARENT_INSTANCE }) });

    expect(child.findByArn('prompt', shared.arn)).toEqual({ resource: shared, inherited: true });
  });
});

describe('Catalog.findById', () => {
  it('finds the resource by the id inside an ARN from another instance', () => {
    const sales = resource('queue', 'q-sales', 'Sales');

    const hit = catalog([sales]).findById('queue', arnOf('queue', 'q-sales', SOURCE_INSTANCE));

    expect(hit?.resource).toBe(sales);
  });

  it('prefers the child when child and parent both have the id', () => {
    const mine = resource('queue', 'q-1', 'Mine');
    const theirs = resource('queue', 'q-1', 'Theirs', { arn: arnOf('queue', 'q-1', PARENT_INSTANCE) });
    const child = catalog([mine], { parent: catalog([theirs]) });

    expect(child.findById('queue', 'q-1')).toEqual({ resource: mine, inherited: false });
  });

  it('finds a grandparent resource as inherited when two levels up', () => {
    const root = resource('hours', 'h-1', 'Office hours');
    const child = catalog([], { parent: catalog([], { parent: catalog([root]) }) });

    expect(child.findById('hours', 'h-1')).toEqual({ resource: root, inherited: true });
  });
});

describe('Catalog.findByName', () => {
  it('finds the resource when the name matches exactly', () => {
    const sales = resource('queue', 'q-sales', 'Sales');

    expect(catalog([sales]).findByName('queue', 'Sales', null)?.resource).toBe(sales);
  });

  it('returns null when the name differs in case', () => {
    const sales = resource('queue', 'q-sales', 'Sales');

    expect(catalog([sales]).findByName('queue', 'sales', null)).toBeNull();
  });

  it('returns null when two resources of the kind share the name', () => {
    const target = catalog([resource('queue', 'q-1', 'Sales'), resource('queue', 'q-2', 'Sales')]);

    expect(target.findByName('queue', 'Sales', null)).toBeNull();
  });

  it('returns null when the child has the name twice even though the parent has it once', () => {
    const parent = catalog([resource('queue', 'q-p', 'Sales')]);
    const child = catalog([resource('queue', 'q-1', 'Sales'), resource('queue', 'q-2', 'Sales')], { parent });

    expect(child.lookupName('queue', 'Sales', null)).toEqual({ found: 'many', count: 2, inherited: false });
  });

  it('prefers the child when child and parent both have the name', () => {
    const mine = resource('queue', 'q-1', 'Sales');
    const child = catalog([mine], { parent: catalog([resource('queue', 'q-p', 'Sales')]) });

    expect(child.findByName('queue', 'Sales', null)).toEqual({ resource: mine, inherited: false });
  });

  it('finds an untyped flow when any type is asked for', () => {
    const untyped = resource('flow', 'f-1', 'Main');

    expect(catalog([untyped]).findByName('flow', 'Main', 'CUSTOMER_QUEUE')?.resource).toBe(untyped);
  });

  it('returns null when the only flow of that name has another type', () => {
    const inbound = resource('flow', 'f-1', 'Main', { flowType: 'CONTACT_FLOW' });

    expect(catalog([inbound]).findByName('flow', 'Main', 'CUSTOMER_QUEUE')).toBeNull();
  });

  it('picks the flow of the asked type when two flows of different types share a name', () => {
    const inbound = resource('flow', 'f-1', 'Main', { flowType: 'CONTACT_FLOW' });
    const queue = resource('flow', 'f-2', 'Main', { flowType: 'CUSTOMER_QUEUE' });

    expect(catalog([inbound, queue]).findByName('flow', 'Main', 'CUSTOMER_QUEUE')?.resource).toBe(queue);
  });

  it('finds a Lambda by the function name in its ARN when its catalog name is a label', () => {
    const billing = resource('lambda', 'billing', 'Billing (prod)', {
      arn: 'arn:aws:lambda:eu-west-2:111122223333:function:billing',
    });

    expect(catalog([billing]).findByName('lambda', 'billing', null)?.resource).toBe(billing);
  });
});

describe('Catalog.resourcesNamed', () => {
  it('lists every type of the name, child first', () => {
    const mine = resource('flow', 'f-1', 'Main', { flowType: 'CONTACT_FLOW' });
    const theirs = resource('flow', 'f-2', 'Main', { flowType: 'AGENT_WHISPER' });
    const child = catalog([mine], { parent: catalog([theirs]) });

    expect(child.resourcesNamed('flow', 'Main')).toEqual([
      { resource: mine, inherited: false },
      { resource: theirs, inherited: true },
    ]);
  });
});

describe('Catalog.findMapping', () => {
  const sales = resource('queue', 'q-sales', 'Sales');
  const sourceArn = arnOf('queue', 'q-source', SOURCE_INSTANCE);

  it('finds the target when the source matches exactly', () => {
    const target = catalog([sales], { mappings: [{ kind: 'queue', source: sourceArn, target: sales.arn }] });

    expect(target.findMapping('queue', sourceArn)?.resource).toBe(sales);
  });

  it('matches an ARN by the id a mapping names', () => {
    const target = catalog([sales], { mappings: [{ kind: 'queue', source: 'q-source', target: 'q-sales' }] });

    expect(target.findMapping('queue', sourceArn)?.resource).toBe(sales);
  });

  it('matches a bare id by the ARN a mapping names', () => {
    const target = catalog([sales], { mappings: [{ kind: 'queue', source: sourceArn, target: 'q-sales' }] });

    expect(target.findMapping('queue', 'q-source')?.resource).toBe(sales);
  });

  it('matches by name when the mapping source is a name', () => {
    const target = catalog([sales], {
      mappings: [{ kind: 'queue', source: 'Old sales', target: 'q-sales' }],
    });

    expect(target.findMapping('queue', 'Old sales')?.resource).toBe(sales);
  });

  it('finds a target that lives in the parent', () => {
    const shared = resource('queue', 'q-shared', 'Shared');
    const child = catalog([], {
      parent: catalog([shared]),
      mappings: [{ kind: 'queue', source: 'q-source', target: shared.arn }],
    });

    expect(child.findMapping('queue', 'q-source')).toEqual({ resource: shared, inherited: true });
  });

  it('returns null when the mapping target is missing from the catalog', () => {
    const target = catalog([sales], { mappings: [{ kind: 'queue', source: 'q-source', target: 'q-gone' }] });

    expect(target.findMapping('queue', 'q-source')).toBeNull();
  });

  it('ignores the parent mappings because a choice belongs to one environment', () => {
    const parent = catalog([sales], { mappings: [{ kind: 'queue', source: 'q-source', target: 'q-sales' }] });

    expect(catalog([], { parent }).findMapping('queue', 'q-source')).toBeNull();
  });

  it('returns null when the mapping is for another kind', () => {
    const target = catalog([sales], {
      mappings: [{ kind: 'prompt', source: 'q-source', target: 'q-sales' }],
    });

    expect(target.findMapping('queue', 'q-source')).toBeNull();
  });
});

describe('Catalog', () => {
  it('keeps the data and parent it was built with', () => {
    const parent = catalog([]);
    const child = catalog([], { parent, instanceArn: TARGET_INSTANCE });

    expect(child.parent).toBe(parent);
    expect(child.data.instanceArn).toBe(TARGET_INSTANCE);
  });
});
