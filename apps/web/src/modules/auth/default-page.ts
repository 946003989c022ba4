/** Where a signed-in user lands when no other page was asked for. Every role may open it. */
export const DEFAULT_PAGE = '/inbox';
