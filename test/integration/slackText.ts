import type { FakeSlackApi } from './fakeSlackApi.js';

/**
 * What people read in the Slack messages a journey produced, from the fake Slack Web API's
 * recorded calls: each message's `text` (the notification and fallback) and every text object
 * in its blocks (sections, context, buttons, options, confirm dialogs). Ids that only machines
 * read (`value`, `action_id`, `block_id`, `url`) are left out.
 */
export function readableSlackTexts(fake: FakeSlackApi): string[] {
  const methods = ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url'];
  return methods.flatMap((method) => fake.calls(method).flatMap((call) => textsOf(call.args)));
}

/** Keys whose strings Slack never shows. */
const MACHINE_KEYS = new Set(['value', 'action_id', 'block_id', 'url', 'channel', 'thread_ts', 'ts', 'user']);

function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    if (MACHINE_KEYS.has(key)) return [];
    if (key === 'text' && typeof item === 'string') return [item];
    return textsOf(item);
  });
}

/** What Slack renders in place of its tokens: a date's fallback, a link's label; mentions as names. */
function rendered(text: string): string {
  return text
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<@[UW][A-Z0-9]+>/g, '@someone')
    .replace(/<!subteam\^S[A-Z0-9]+>/g, '@some-group');
}

/** The things no person should have to read: internal keys, UUIDs, raw ISO times, bare Slack ids. */
const UNREADABLE: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'a flow key', pattern: /\b(?:flow|module):\S/ },
  { what: 'a UUID', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i },
  { what: 'an ISO time', pattern: /\b\d{4}-\d\d-\d\dT\d\d:\d\d/ },
  { what: 'a bare Slack user or group id', pattern: /(?<![<@^\w])[UWS]0[A-Z0-9]{4,}\b/ },
];

/** Each readable text that holds something unreadable, with what it holds (empty: all readable). */
export function unreadableParts(texts: readonly string[]): string[] {
  return texts.flatMap((text) => {
    const shown = rendered(text);
    return UNREADABLE.filter(({ pattern }) => pattern.test(shown)).map(({ what }) => `${what} in: ${text}`);
  });
}
