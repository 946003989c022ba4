import { cloneElement, createContext, useContext, type ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

/**
 * A fixed chart size for environments that lay nothing out (jsdom): recharts' ResponsiveContainer
 * measures its box, which is 0 × 0 there, and would draw nothing.
 */
export const ChartSizeContext = createContext<{ width: number; height: number } | null>(null);

/** A recharts chart as wide as its card, `height` pixels high. */
export function ChartFrame({ height, children }: { height: number; children: ReactElement<{ width?: number; height?: number }> }) {
  const fixed = useContext(ChartSizeContext);
  if (fixed) return cloneElement(children, { width: fixed.width, height: fixed.height });
  return (
    <ResponsiveContainer width="100%" height={height}>
      {children}
    </ResponsiveContainer>
  );
}
