/**
 * jsdom lays nothing out (every size is 0), so a virtualised list would render no rows.
 * Gives every element a viewport-like size for the duration of a test file.
 */
export function stubLayout(width = 1000, height = 720): void {
  const props = { clientWidth: width, clientHeight: height, offsetWidth: width, offsetHeight: height } as const;
  const originals = new Map<string, PropertyDescriptor | undefined>();
  beforeAll(() => {
    for (const [name, value] of Object.entries(props)) {
      const proto = name.startsWith('client') ? Element.prototype : HTMLElement.prototype;
      originals.set(name, Object.getOwnPropertyDescriptor(proto, name));
      Object.defineProperty(proto, name, { configurable: true, get: () => value });
    }
  });
  afterAll(() => {
    for (const [name, descriptor] of originals) {
      const proto = name.startsWith('client') ? Element.prototype : HTMLElement.prototype;
      if (descriptor) Object.defineProperty(proto, name, descriptor);
    }
  });
}
