/** The parsed form of a listening query. */
export type QueryNode =
  | { type: 'term'; value: string; prefix: boolean; start: number; end: number }
  | { type: 'phrase'; words: string[]; start: number; end: number }
  | { type: 'handle'; value: string; start: number; end: number }
  | { type: 'hashtag'; value: string; start: number; end: number }
  | { type: 'field'; field: 'lang' | 'platform'; value: string; start: number; end: number }
  | { type: 'and'; children: QueryNode[] }
  | { type: 'or'; children: QueryNode[] }
  | { type: 'not'; child: QueryNode };

export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    /** 0-based character offset where the problem is. */
    readonly position: number,
  ) {
    super(`${message} (at character ${position + 1})`);
    this.name = 'QuerySyntaxError';
  }
}
