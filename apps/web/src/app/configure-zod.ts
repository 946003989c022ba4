import { config } from 'zod';

// The api's CSP forbids eval. Zod probes `new Function` to decide whether to compile
// fast parsers, and the browser reports that probe as a CSP violation even though zod
// catches it. Parse without the probe.
config({ jitless: true });
