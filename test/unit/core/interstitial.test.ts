/**
 * monitor/interstitial.ts: a page served instead of the article (a consent
 * wall, a bot check) is known by its whole title on a short page; an
 * article headlined with those words, or a long page, is an article.
 */
import { describe, expect, it } from 'vitest';
import { interstitialTitle } from '../../../src/monitor/interstitial.ts';

const short = ['We and our partners use cookies to store and access information on your device.', 'Accept all', 'Reject all'];
const story = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the story: the council met on Monday and voted on the flood defences, after a long debate about the cost to residents.`.repeat(2));

describe('interstitialTitle', () => {
  it.each([
    'Before you continue',
    'Before you continue to Google Search',
    'Bevor Sie zu Google weitergehen',
    'Avant de continuer vers Google',
    'Antes de continuar a Google',
    'Prima di continuare su Google',
    'Voordat je verdergaat naar Google',
    'We value your privacy',
    'Your privacy choices',
    'Cookie consent',
    'Datenschutzeinstellungen',
    'Just a moment...',
    'Just a moment…',
    'Attention Required! | Cloudflare',
    'One more step',
    'Please verify you are a human',
    'Verify you are human',
    'Are you a robot?',
    'Checking your browser before accessing news.example',
    'Access Denied',
    'Access to this page has been denied',
    'Pardon Our Interruption',
    'Security Check - News Example',
    '  just a   MOMENT... ',
  ])('a short page titled %j is one', (title) => {
    expect(interstitialTitle({ title, paragraphs: short })).toBe(title.replace(/\s+/g, ' ').trim());
  });

  it.each([
    'Before you continue reading, a word on the budget',
    'Cookie consent rules tightened across the EU',
    'Google fined over cookie consent banners',
    'Access denied: families wait months for care home places',
    'Just a moment of silence for the victims',
    'Are you a robot? Inside the fight over online bots',
    'Security check delays at the airport',
    'Council backs flood plan',
  ])('an article headlined %j is none, however short', (title) => {
    expect(interstitialTitle({ title, paragraphs: short })).toBeNull();
  });

  it('a long page is an article, whatever its title; no title is none', () => {
    expect(interstitialTitle({ title: 'Access denied', paragraphs: story })).toBeNull();
    expect(interstitialTitle({ title: null, paragraphs: short })).toBeNull();
    expect(interstitialTitle({ title: '', paragraphs: short })).toBeNull();
  });
});
