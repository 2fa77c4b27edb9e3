import type { Mappings } from '../../core/ports.js';
import type { RememberedMapping } from '../../core/versions/types.js';
import { mappingItemSchema, parseItem } from './itemSchemas.js';
import { type DynamoTableOptions, ItemTable } from './itemTable.js';
import { mappingPk } from './keys.js';

/** What the DynamoDB mappings need: the table alone (a mapping never expires). */
export type DynamoMappingsOptions = DynamoTableOptions;

/**
 * `Mappings` on the DynamoDB table: one partition per environment, sorted by `<kind>#<source>`,
 * so a new choice for the same source replaces the old one and a listing is one query.
 */
export class DynamoMappings implements Mappings {
  readonly #table: ItemTable;

  constructor(options: DynamoMappingsOptions) {
    this.#table = new ItemTable(options);
  }

  async putMapping(mapping: RememberedMapping): Promise<void> {
    await this.#table.put({
      pk: mappingPk(mapping.env),
      sk: `${mapping.kind}#${mapping.source}`,
      item: 'mapping',
      env: mapping.env,
      kind: mapping.kind,
      source: mapping.source,
      ...(mapping.sourceName === undefined ? {} : { sourceName: mapping.sourceName }),
      target: mapping.target,
      chosenBy: mapping.chosenBy,
      chosenAt: mapping.chosenAt,
    });
  }

  async listMappings(env: string): Promise<RememberedMapping[]> {
    const items = await this.#table.query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': mappingPk(env) },
    });
    return items.map((raw) => {
      const { sourceName, ...mapping } = parseItem(mappingItemSchema, raw, 'mapping');
      // Mappings remembered before names were kept have none: they show the raw source.
      return sourceName === undefined ? mapping : { ...mapping, sourceName };
    });
  }
}
