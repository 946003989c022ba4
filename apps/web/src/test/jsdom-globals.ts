// jsdom lacks a few globals that browsers have and react-router uses at import time.
import { TextDecoder, TextEncoder } from 'node:util';

Object.assign(globalThis, { TextEncoder, TextDecoder });
