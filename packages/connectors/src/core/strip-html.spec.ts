import fc from 'fast-check';
import { decodeEntities, stripHtml } from './strip-html.js';

/**
 * CPU milliseconds this process has used: the linear-scan bounds below are on work done, not on
 * wall time, so a loaded machine (CI beside other jobs) cannot make them flaky.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The regex chain stripHtml was before the linear scanners: the oracle for "same results". */
function regexStripHtml(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|blockquote|h[1-6]|pre)\s*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Markup-heavy strings: the pieces the scanners look for, cut and joined at random. */
const PIECES = [
  '<',
  '>',
  '/',
  '!',
  '-',
  '<!--',
  '-->',
  '--',
  '<script>',
  '</script>',
  '<SCRIPT a="1">',
  '</script >',
  '<style>',
  '</style\t>',
  '<template>',
  '</template>',
  '<scripts>',
  '<br>',
  '<BR/>',
  '<br />',
  '<br / >',
  '</p>',
  '</P >',
  '</pre>',
  '</div>',
  '</li>',
  '</blockquote>',
  '</h1>',
  '</h7>',
  '</h>',
  '</hr>',
  '<p>',
  '<a href="x">',
  'a',
  'b',
  ' ',
  '\t',
  '\u00a0',
  '\n',
  '\r',
  '\r\n',
  '&amp;',
  '&#60;',
  '&#x3e;',
  '&unknown;',
  '&',
  ';',
  'é',
  '😀',
  '\u2028',
  '\u3000',
];
const markup = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

describe('stripHtml', () => {
  it('turns Mastodon content into plain text', () => {
    expect(stripHtml('<p><span class="h-card"><a href="https://m.example/@acme">@<span>acme</span></a></span> late &amp; lost</p><p>a<br />b</p>')).toBe(
      '@acme late & lost\n\na\nb',
    );
  });

  it('drops comments, script/style/template bodies, and keeps an unclosed one as written', () => {
    expect(stripHtml('a<!-- x -->b<script type="t">alert(1)</SCRIPT >c<style>p{}</style>d<template><p>t</p></template>e')).toBe('abcde');
    expect(stripHtml('a <!-- never closed')).toBe('a <!-- never closed');
    expect(stripHtml('a <script>never closed')).toBe('a never closed');
    expect(stripHtml('a < b and c > d')).toBe('a  d');
    expect(stripHtml('x < y')).toBe('x < y');
  });

  it('gives the same text as the regex chain it replaced, on random markup', () => {
    fc.assert(
      fc.property(markup, (html) => {
        expect(stripHtml(html)).toBe(regexStripHtml(html));
      }),
      { numRuns: 5000 },
    );
  });

  // The first five took seconds to half a minute with the regex chain (quadratic backtracking:
  // comments, raw-text elements, tags and space runs that never end); the others are long runs
  // for the remaining steps. The bound is generous on purpose (a shared, slow machine): the
  // scanners take milliseconds.
  it.each([
    ['200,000 unclosed "<"', '<'.repeat(200_000)],
    ['100,000 unclosed comments', '<!--'.repeat(100_000)],
    ['100,000 unclosed <script> tags', '<script>'.repeat(100_000)],
    ['50,000 unclosed <style x="', '<style x="'.repeat(50_000)],
    ['200,000 spaces before a letter', ' '.repeat(200_000) + 'x'],
    ['120,000 nested elements that never end', '<div><p><span>'.repeat(40_000)],
    ['10,000 "<br" then spaces, never closed', ('<br' + ' '.repeat(20)).repeat(10_000)],
    ['10,000 "</p" then spaces, never closed', ('</p' + ' '.repeat(20)).repeat(10_000)],
    ['100,000 unfinished entities', '&#x12345'.repeat(100_000)],
    ['100,000 long named entities', ('&' + 'a'.repeat(40)).repeat(10_000)],
    ['100,000 blank lines', '\n \t'.repeat(100_000) + 'x'],
  ])('stays linear on %s', (_name, html) => {
    const started = cpuMs();
    const out = stripHtml(html);
    expect(cpuMs() - started).toBeLessThan(2000);
    expect(typeof out).toBe('string');
  });
});

describe('decodeEntities', () => {
  it('decodes numeric entities; never re-creates markup; bad code points become U+FFFD', () => {
    expect(stripHtml('<script>alert(1)</script>x &#60;b&#x3e; &unknown;')).toBe('x <b> &unknown;');
    expect(decodeEntities('&#0; &#xD800; &rsquo;')).toBe('\ufffd \ufffd \u2019');
  });
});
