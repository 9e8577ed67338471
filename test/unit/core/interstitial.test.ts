/**
 * monitor/interstitial.ts: a page served instead of the article (a consent
 * wall, a bot check) is known by its whole title (but its maker's name), by
 * what it says, and by its length; an article headlined with those words, a
 * headline with a subtitle, a short piece, or a long page is an article.
 */
import { describe, expect, it } from 'vitest';
import { interstitialTitle } from '../../../src/monitor/interstitial.ts';

const consentText = ['We and our partners use cookies to store and access information on your device.', 'Accept all', 'Reject all'];
const blockText = ['Checking if the site connection is secure', 'news.example needs to review the security of your connection before proceeding.', 'Ray ID: 8a1b2c3d4e5f'];
const story = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of the story: the council met on Monday and voted on the flood defences, after a long debate about the cost to residents.`.repeat(2));

describe('interstitialTitle', () => {
  it.each([
    ['Before you continue', consentText],
    ['Before you continue to Google Search', consentText],
    ['Bevor Sie zu Google weitergehen', ['Wir verwenden Cookies und Daten, um Dienste bereitzustellen.', 'Alle akzeptieren', 'Alle ablehnen']],
    ['Avant de continuer vers Google', ['Nous utilisons des cookies et des données.', 'Tout accepter']],
    ['Antes de continuar a Google', ['Utilizamos cookies y datos.', 'Aceptar todo']],
    ['Prima di continuare su Google', consentText],
    ['Voordat je verdergaat naar Google', consentText],
    ['We value your privacy', consentText],
    ['Your privacy choices', consentText],
    ['Cookie consent', consentText],
    ['Datenschutzeinstellungen', ['Wir und unsere Partner verwenden Cookies.', 'Datenschutz', 'Zustimmen']],
    ['Please enable cookies.', ['Please enable cookies.', 'This website is using a security service to protect itself from online attacks.', 'Cloudflare Ray ID: 8a1b']],
    ['Just a moment...', blockText],
    ['Just a moment…', blockText],
    ['Attention Required! | Cloudflare', ['Sorry, you have been blocked', 'You are unable to access news.example', 'Cloudflare Ray ID: 8a1b']],
    ['One more step', blockText],
    ['Please verify you are a human', ['Press & Hold to confirm you are a human (and not a bot).', 'Reference ID 1a2b']],
    ['Verifying you are human. This may take a few seconds.', blockText],
    ['Robot Check', ['Enter the characters you see below', 'Sorry, we just need to make sure you\'re not a robot.']],
    ['Human Verification', ['Please verify you are a human', 'Complete the captcha to continue']],
    ['Are you a robot?', ['Our systems have detected unusual traffic from your computer network.', 'Please verify you are not a robot.']],
    ['Checking your browser before accessing news.example', blockText],
    ['Access Denied', ['You don\'t have permission to access this resource on this server.', 'Reference #18.2b3c', 'Your request was blocked.']],
    ['Access to this page has been denied.', ['Access to this page has been denied because we believe you are using automation tools to browse the website.', 'Reference ID: 1a2b']],
    ['Sucuri WebSite Firewall - Access Denied', ['Access Denied - Sucuri Website Firewall', 'If you are the site owner, please contact support.', 'Block ID: GEO02']],
    ['Your access to this site has been limited by the site owner', ['Your access to this service has been limited.', 'If you think you have been blocked in error, contact the site owner.']],
    ['Pardon Our Interruption', ['As you were browsing something about your browser made us think you were a bot.', 'Please enable JavaScript']],
    ['  just a   MOMENT... ', blockText],
    // terse walls (a line or two) need one word of theirs (the adversarial review's captures)
    ['Access Denied', ['You don\'t have permission to access "http://www.example.com/news/story" on this server.', 'Reference #18.2f3c1002.1701300000.5a6b7c8d']],
    ['Your access to this site has been limited by the site owner', ['Your access to this service has been limited.']],
    ['Yahoo is part of the Yahoo family of brands', ['The sites and apps that we own and operate, including Yahoo and AOL.', 'When you use our sites and apps, we use cookies to provide our sites and apps to you.']],
    ['Human Verification', ['Please complete the security check to access this site.']],
    ['451: Unavailable due to legal reasons', ['We recognize you are attempting to access this website from a country which enforces the General Data Protection Regulation (GDPR).']],
    ['Avant d’accéder au site', ['Nous utilisons des cookies.', 'Accepter']],
  ])('a short page titled %j that says so is one', (title, text) => {
    expect(interstitialTitle({ title, paragraphs: text })).toBe(title.replace(/\s+/g, ' ').trim());
  });

  it.each([
    // the adversarial review: headlines with a subtitle after a dash, and headlines that begin so
    ['Access denied – hospital car park closed to visitors', blockText],
    ['Security check - what to know before you fly this Christmas', blockText],
    ['One more step - Rovers edge closer to promotion', blockText],
    ['Before you continue — read the small print on your energy deal', consentText],
    ['We value your privacy — so why does the council not?', consentText],
    ['Security Check - News Example', blockText],
    ['Before you continue reading, a word on the budget', consentText],
    ['Cookie consent rules tightened across the EU', consentText],
    ['Google fined over cookie consent banners', consentText],
    ['Access denied: families wait months for care home places', blockText],
    ['Just a moment of silence for the victims', blockText],
    ['Are you a robot? Inside the fight over online bots', blockText],
    ['Security check delays at the airport', blockText],
    ['Council backs flood plan', consentText],
  ])('an article headlined %j is none, however short', (title, text) => {
    expect(interstitialTitle({ title, paragraphs: text })).toBeNull();
  });

  it.each([
    ['Access denied', ['Sir, my mother has waited eleven weeks for a care home place.', 'The council says the list is long; it is longer every month.', 'Yours, J. Smith, Leeds']],
    ['Just a moment', ['a breath held at the window,', 'the kettle not yet boiled,', 'the letter on the mat']],
  ])('a short piece headlined %j that says nothing of walls is an article', (title, text) => {
    expect(interstitialTitle({ title, paragraphs: text })).toBeNull();
  });

  it('a page with a byline or a publication date is an article, however like a wall (QA: a brief headlined "Access denied")', () => {
    const brief = ['The council has blocked access to the harbour car park after storm damage, officials said.'];
    expect(interstitialTitle({ title: 'Access denied', paragraphs: brief })).toBe('Access denied');
    expect(interstitialTitle({ title: 'Access denied', paragraphs: brief, byline: 'Ann Lee' })).toBeNull();
    expect(interstitialTitle({ title: 'Access denied', paragraphs: brief, publishedAt: '2026-11-30' })).toBeNull();
  });

  it('a long page is an article, whatever its title and words; a bot check is short; no title is none', () => {
    expect(interstitialTitle({ title: 'Access denied', paragraphs: [...blockText, ...story] })).toBeNull();
    const quiz = ['Are you a robot? Take our quiz: can you tell a human from a machine?', ...Array.from({ length: 12 }, (_, i) => `Question ${i + 1}: which of these two answers did a robot write, and which did a human write? Verify your guess below.`)];
    expect(quiz.join('').length).toBeGreaterThan(1000);
    expect(interstitialTitle({ title: 'Are you a robot?', paragraphs: quiz })).toBeNull();
    expect(interstitialTitle({ title: null, paragraphs: consentText })).toBeNull();
    expect(interstitialTitle({ title: '', paragraphs: consentText })).toBeNull();
  });

  it('a page so titled with no text read at all is one (QA: a wall in plain <div>s failed as "no article text found"); an empty page titled otherwise is not', () => {
    expect(interstitialTitle({ title: 'Before you continue', paragraphs: [] })).toBe('Before you continue');
    expect(interstitialTitle({ title: 'Just a moment...', paragraphs: [] })).toBe('Just a moment...');
    expect(interstitialTitle({ title: 'Council backs flood plan', paragraphs: [] })).toBeNull();
    expect(interstitialTitle({ title: 'Before you continue', paragraphs: [], byline: 'Ann Lee' })).toBeNull();
  });
});
