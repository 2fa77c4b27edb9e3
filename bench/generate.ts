/**
 * Synthetic but realistic inputs for the benchmarks: flows shaped like designer exports
 * (metadata display copies, long prompt texts, resource ARNs) and a large target catalog.
 */
import type { CatalogData, CatalogResource } from '../core/resolve/types.js';

const SOURCE = 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000001';
const TARGET = 'arn:aws:connect:us-west-2:444455556666:instance/00000000-0000-4000-8000-000000000002';

function uuid(seed: number, salt: number): string {
  const hex = ((seed * 2654435761 + salt * 40503) >>> 0).toString(16).padStart(8, '0');
  const tail = (seed * 97 + salt).toString(16).padStart(12, '0').slice(-12);
  return `${hex}-0000-4000-8000-${tail}`;
}

const LOREM =
  'Thank you for calling. Your call is important to us and will be answered in the order it was received. ';

/** Names shared by the generated flows and the generated catalog, so resolution by name succeeds. */
function resourceName(kind: string, n: number): string {
  return `${kind}-${n}`;
}

/**
 * A flow of `actions` blocks whose serialised size is close to `targetBytes`: a chain of
 * Set working queue / Play prompt / Lambda / Play prompt (text) blocks with metadata like the designer's.
 */
export function generateFlow(actions: number, targetBytes: number, seed = 1, resources = 2000): string {
  const ids = Array.from({ length: actions }, (_, i) => uuid(seed, i));
  // Every block carries about the same share of the size: a prompt text of at most 1,000
  // characters (what people stay under) and the rest as designer notes in its metadata.
  const share = Math.max(0, Math.floor(targetBytes / actions) - 450);
  const text = LOREM.repeat(Math.ceil(share / LOREM.length) + 1).slice(0, Math.min(share, 1000));
  const pad = LOREM.repeat(Math.ceil(share / LOREM.length) + 1).slice(
    0,
    Math.max(0, share - text.length / 2),
  );
  const list: unknown[] = [];
  const meta: Record<string, unknown> = {};
  ids.forEach((id, i) => {
    const next = ids[i + 1];
    const last = next === undefined;
    const n = (seed * 31 + i) % resources;
    const transitions = last
      ? {}
      : { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] };
    const position = { x: 200 + (i % 10) * 240, y: 40 + Math.floor(i / 10) * 200 };
    if (last) {
      list.push({ Identifier: id, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
      meta[id] = { position };
      return;
    }
    switch (i % 4) {
      case 0: {
        const arn = `${SOURCE}/queue/${uuid(n, 7)}`;
        list.push({
          Identifier: id,
          Type: 'UpdateContactTargetQueue',
          Parameters: { QueueId: arn },
          Transitions: transitions,
        });
        meta[id] = {
          position,
          useDynamic: false,
          queue: { id: arn, text: resourceName('queue', n) },
          note: pad,
        };
        break;
      }
      case 1: {
        const arn = `${SOURCE}/prompt/${uuid(n, 11)}`;
        list.push({
          Identifier: id,
          Type: 'MessageParticipant',
          Parameters: { PromptId: arn },
          Transitions: transitions,
        });
        meta[id] = {
          position,
          note: pad,
          promptName: resourceName('prompt', n),
          parameters: { PromptId: { displayName: resourceName('prompt', n) } },
        };
        break;
      }
      case 2: {
        const arn = `arn:aws:lambda:us-east-1:111122223333:function:${resourceName('lambda', n)}`;
        list.push({
          Identifier: id,
          Type: 'InvokeLambdaFunction',
          Parameters: {
            LambdaFunctionARN: arn,
            InvocationTimeLimitSeconds: '3',
            LambdaInvocationAttributes: { note: text },
          },
          Transitions: transitions,
        });
        meta[id] = {
          position,
          note: pad,
          dynamicMetadata: {},
          parameters: { LambdaFunctionARN: { displayName: resourceName('lambda', n) } },
        };
        break;
      }
      default:
        list.push({
          Identifier: id,
          Type: 'MessageParticipant',
          Parameters: { Text: text.slice(0, 1000) },
          Transitions: transitions,
        });
        meta[id] = { position, useDynamic: false, note: pad };
    }
  });
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: ids[0],
    Metadata: {
      entryPointPosition: { x: 40, y: 40 },
      ActionMetadata: meta,
      name: `Generated ${seed}`,
      type: 'contactFlow',
      status: 'published',
      hash: {},
    },
    Actions: list,
  });
}

/** A target catalog of `size` resources whose names match the generated flows' display names. */
export function generateCatalog(size: number): CatalogData {
  const kinds = [
    ['queue', 'queue'],
    ['prompt', 'prompt'],
    ['lambda', 'lambda'],
    ['hours', 'operating-hours'],
    ['flow', 'contact-flow'],
  ] as const;
  const resources: CatalogResource[] = [];
  for (let i = 0; i < size; i++) {
    const [kind, arnKind] = kinds[i % kinds.length] ?? kinds[0];
    const n = Math.floor(i / kinds.length);
    const id = uuid(n, 1000 + i);
    const name = resourceName(kind, n);
    const arn =
      kind === 'lambda'
        ? `arn:aws:lambda:us-west-2:444455556666:function:${name}`
        : `${TARGET}/${arnKind}/${id}`;
    resources.push({ kind, id: kind === 'lambda' ? name : id, arn, name });
  }
  return { name: 'bench-target', instanceArn: TARGET, resources, mappings: [] };
}
