/**
 * How a Lex V2 bot alias is named for matching: `BOT/ALIAS` (`ClaimsBot/prod`). An alias name
 * alone (`prod`, `live`, `TestBotAlias`) is shared by many bots, so it says nothing about which
 * bot a flow talks to; the pair does. Lex allows neither `/` in a bot name nor in an alias name
 * (`^([0-9a-zA-Z][_-]?)+$`), so the separator cannot be mistaken for part of either.
 */
export function lexV2AliasName(botName: string, aliasName: string): string {
  return `${botName}/${aliasName}`;
}

/** True for a name that carries both the bot and the alias (`ClaimsBot/prod`). */
export function isLexV2AliasName(name: string): boolean {
  const slash = name.indexOf('/');
  return slash > 0 && slash < name.length - 1;
}
