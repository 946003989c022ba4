/**
 * What only the screen needs of the weekly report's words. The figures, dates and names themselves come from
 * `@earshot/contracts` (`reports/report-format.ts`), the one copy the api's PDF prints from as well.
 */

/** A sentence of the report for the screen: a figure stays on one line with its unit ("87.4 %", "−5.7 pp", "(0 %)"). */
export function keepFiguresTogether(text: string): string {
  return text.replace(/(\d) (%|pp\b|points?\b|min\b)/g, '$1\u00A0$2');
}
