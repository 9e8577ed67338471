import { describe, expect, it } from 'vitest';
import { FURNITURE_RULES, furnitureRule, isFurniture, normalizeText } from '../../../src/extract/normalize.ts';

describe('normalizeText', () => {
  it('collapses every kind of white space, NBSP and the U+2000 block included, to one space', () => {
    expect(normalizeText('  a\u00a0\u00a0b\t\nc\u2009d\u3000e  ')).toBe('a b c d e');
  });
  it('composes to NFC so the same text always has the same bytes', () => {
    const decomposed = 'Caf\u0065\u0301 Zu\u0308rich';
    expect(normalizeText(decomposed)).toBe('Caf\u00e9 Z\u00fcrich');
  });
  it('removes zero-width and soft-hyphen characters', () => {
    expect(normalizeText('in\u00adcredi\u200bble\ufeff')).toBe('incredible');
  });
  it('leaves typographic quotes and dashes alone (they are the text)', () => {
    expect(normalizeText('“Quoted” — and ‘single’')).toBe('“Quoted” — and ‘single’');
  });
});

describe('furniture rules remove in-body page furniture', () => {
  it.each([
    ['Story continues below'],
    ['Article continues below advertisement'],
    ['ADVERTISEMENT'],
    ['Advertisement - Scroll to continue'],
    ['Sponsored content'],
    ['READ MORE: Venezuela’s opposition leader Guaido urges mass walkouts in protest of Maduro'],
    ['WATCH: Foreign interference in Venezuela likely to prolong instability'],
    ['Related: Five things we learned from the interview'],
    ['Don’t miss: Five things we learned from the interview'],
    ['Sign up for our daily newsletter'],
    ['Get the Morning Briefing newsletter delivered to your inbox'],
    ['Subscribe to email updates'],
    ['Puede escribirnos o suscribirse aquí a nuestra newsletter.'],
    ['Share this article'],
    ['Share on Facebook'],
    ['Click to share on Twitter'],
    ['Follow us on Twitter and Instagram'],
    ['Please enable JavaScript to view this content'],
    ['© 2019 Global News, a division of Corus Entertainment Inc.'],
    ['Copyright 2019 The Associated Press. All rights reserved.'],
    ['No part of this publication may be reproduced without prior written permission.'],
    ['© 2024 The Gazette. All rights reserved.'],
    ['This article is subject to copyright.'],
    ['Copyright 2024 Nexstar Media Inc.'],
    // from a review: agency and site footers in other words
    ['Copyright 2024 The Associated Press. This material may not be published, broadcast, rewritten or redistributed.'],
    ['Copyright 2024 NPR. To see more, visit https://www.npr.org.'],
    ['The content of this site is protected by copyright and may not be reproduced without permission.'],
    ['The contents of this website are protected by copyright and may not be reproduced, published or redistributed.'],
    ['All content copyright 2024 Daily Planet Media, all rights reserved. Reproduction prohibited.'],
    ['Our material may not be published, broadcast, rewritten or redistributed.'],
    ['Material from this site may not be published, broadcast, rewritten or redistributed without permission.'],
    ['Copyright The Associated Press 2019'],
    ['© 2019 Globe News, a division of Globe Media'],
    ['This material may not be published, broadcast, rewritten or redistributed.'],
    ['You may also like...'],
    ['Eingestellt von der Michel um 21:11'],
    ['Photo: Jane Doe/Reuters'],
    ['Advert'],
    ['This slideshow requires JavaScript.'],
    ['[button link="http://x.example/submit" type="big"] Send us YOUR kit review[/button]'],
    ['A 14th century plague doctor (Image: GETTY)'],
    ['Comments'],
    ['12 comments'],
    ['ABOUT THE AUTHOR'],
    ['SOURCE: News agencies'],
    ['05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad'],
    ['20 Nov 2019 08:00 GMT'],
    ['Updated: March 3, 2020'],
    ['http://x.example/uploads/KakaoTalk_1.jpg 540 960 jdadmin http://x.example/uploads/logo.png'],
    ['More Great WIRED Stories'],
    ['Updated 3 hours ago'],
    ['2 days ago'],
    ['2h ago'],
    ['Updated 45m ago'],
    ['3d ago'],
    ['Just now'],
    ['5 min read'],
    ['Lesezeit: 4 Minuten'],
    ['1,204 views'],
    ['Continue Reading Below'],
    ['Skip to content'],
    ['LEARN MORE'],
    ['Filed under:'],
    ['Staff Writer'],
    ['Video'],
    ['Kaveh Waddell is a former staff writer at The Atlantic.'],
    ['Mark di Stefano is a breaking news reporter for BuzzFeed News and is based in Sydney.'],
    ['Anna van der Berg is a senior investigative reporter at De Volkskrant.'],
    ['Emma Grey Ellis is a staff writer at WIRED, specializing in internet culture.'],
    ['Was this article helpful?'],
    ['Awesome, share it:'],
    ['We want to hear what you think about this article. Submit a letter to the editor or write to letters@theatlantic.com.'],
    ['This article is more than 2 years old.'],
    ['For access to all our exclusive celebrity videos and interviews – Subscribe on YouTube!'],
    ["DON'T MISS Plague warning: CDC names EIGHT deadly diseases [WARNING] BLACK DEATH fears: holidaymakers die [INSIGHT]"],
    // a meta bar with a counter or a relative time in it: it changes on every fetch (user test: a new version every check)
    ['By Sam Carter Published 2024-05-01 Updated: 2024-05-01T09:00:00Z 3 minutes ago 41 comments 10,031 views'],
    ['Jane Doe · 5 hours ago'],
    ['12 comments · 340 shares'],
    ['Updated 2 hours ago | 5 min read'],
    ['By Jane Doe, 3 hours ago'],
    ['Sam Carter - 3 hours ago'],
    // a stamp part without its year beside the relative time (a review: it read as words, and churned every hour)
    ['Published 29 November · Updated 9 hours ago'],
    ['Updated Nov 30, 9:10 a.m. · 4 min read'],
    ['Published January 31, 2019 | 6 min read'],
    ['By Jane Doe · Published Nov 29, 10:45 p.m. · Updated 2 hours ago'],
    ['Sam Carter 3 hours ago'],
    ['Sam Carter, Reuters — 3 hours ago'],
    ['Sam Carter · 3min ago'],
    ['By Sam Carter Updated 3 min. ago'],
    ['Von Sam Carter · vor 3 Minuten'],
    ['Par Sam Carter · il y a 3 minutes'],
    ['Por Sam Carter · hace 3 minutos'],
    ['作者 Sam Carter · 3 小时前'],
    ['By Sam Carter. Updated 3 minutes ago.'],
    ['Sam Carter · Comments (41)'],
    ['Sam Carter · Views: 41'],
    ['Sam Carter · 💬 41'],
    ['By Jane Doe, City Hall reporter · 3 hours ago'],
    ['Sam Carter | 5 min read | 3 hours ago | 41 comments | 10,031 views | Share on Facebook | Share by email | Print this'],
    // CJK and Korean counters, label first, fullwidth bars between (a corpus page: views, replies, recommendations)
    ['瀏覽7｜回應0｜推薦0'],
    ['阅读 1,204 · 评论 41'],
    ['记者 王小明 | 2020-01-01 | 阅读 1204'],
    ['人民网 3小时前'],
    ['조회수 41 | 댓글 3'],
    // a day named relative to today with its time (it reads "yesterday" tomorrow), compound durations, icons, 1.2K
    ['Yesterday at 3:10 pm'],
    ['Updated today, 09:41'],
    ['By Sam Carter · Yesterday at 3:10 pm'],
    ['Von Jan Müller · heute, 10:02 Uhr'],
    ['Par Marie Dupont · hier à 10h02'],
    ['Por Ana López · ayer a las 10:02'],
    ['3 hours, 5 minutes ago'],
    ['Updated 1 hour and 5 minutes ago'],
    ['Jane Doe 🕒 3 hours ago'],
    ['Comments: 41 | Shares: 1.2K'],
    // from a hands-on test: each made a new version on every check
    ['Posted 2 hours ago by Jane Smith'],
    ['By Jane Smith, yesterday'],
    ['Published yesterday · 4 min read'],
    ['This article has been viewed 1234 times.'],
    ['Read 1,234 times'],
    ['1234 people are reading this now'],
    ['Просмотров: 1234'],
    ['阅读：1234'],
    ['3h'],
    ['Last updated: 2026-11-21T09:00:00Z'],
    ['Published: 2026-11-21T09:00:00+01:00'],
    ['Today: 2026-11-29T19:00:00Z'],
    ['Advertisement 17'],
    // from a second hands-on test: more languages and forms
    ['阅读量：1204'],
    ['浏览次数：1204'],
    ['阅读(1204)'],
    ['作者：李明 阅读量：1204'],
    ['3 часа назад'],
    ['Автор: Иван Петров, 3 часа назад'],
    ['Сегодня, 10:02'],
    ['1 марта 2026, 09:00 · 1204 просмотра'],
    ['5 хвилин тому'],
    ['3 ore fa'],
    ['3 uur geleden'],
    ['3 godziny temu'],
    ['عدد المشاهدات: 1204'],
    ['Okunma: 1204'],
    ['Views 1204'],
    ['Published 09:00 GMT | Updated 10:02 GMT'],
    ['Last updated at 10:02 GMT'],
    ['Updated Sunday, 10:02 AM'],
  ])('%j', (p) => {
    expect(furnitureRule(p)).not.toBeNull();
  });

  it.each([
    ['Watch what happens when the council votes: nobody expects the budget to pass, and the mayor has said so.'],
    ['Read the full report, the minister said, before judging the plan. He added that it was not final. Critics disagreed.'],
    ['Maduro became president in 2013 following the death of his mentor Hugo Chavez.'],
    ['Share prices fell 3% on Tuesday after the company warned on profits.'],
    ['Advertisement revenue at the company rose by a third last year, to $4bn, driven by video.'],
    ['Follow the money, the detective told the committee.'],
    ['— PFF CLE Browns (@PFF_Browns) November 15, 2019'],
    ['Three hours ago the bridge was still standing, the engineer said.'],
    ['2h ago the bridge was still standing.'],
    ['John Smith was the only reporter at the scene, and he filed within the hour.'],
    ['Maria Lopez is a nurse who works for Mercy Hospital and spoke on condition of anonymity.'],
    ['Jane Doe is a reporter who covered the trial for three years before she left the paper in 2019 to write a book about it, and her notes show a different story.'.slice(0, 60) + ' The court disagreed with her account, and so did the prosecutors, who called it fiction in a long filing on Monday that ran to ninety pages, with exhibits.'],
    ['Those who want to help can make a donation to the food bank, which says demand has doubled.'],
    ['Source code for the tool is on GitHub, the researchers said, and anyone can audit it.'],
    ['Amnesty will be offered to all service members who are not found guilty of human rights violations, he added.'],
    ['The fire started 3 minutes ago, officials said.'],
    ['Fire broke out 10 minutes ago'],
    ['Officials have counted 41 comments so far'],
    ['Tom, 34, who lost his job two years ago'],
    // from a review of the meta-bar rule: a part that says something is not a name, so the line stays
    ['Jan 6, 2021 (3 years ago): Capitol riot'],
    ['September 11, 2001 — 23 years ago today'],
    ['Director John Smith sold 5,000 shares on 12 March 2024'],
    ['CFO Bob Lee | Sold 10,000 shares | $480,100'],
    ['10:02 · Police say the fire started 3 hours ago'],
    ['YouTube: 10m views · 41,000 comments'],
    // a sentence in a script without case is no name, whatever counter it mentions
    ['该文章评论41条之后被删除的原因是他写了很长的一段话来解释这个问题'],
    ['阅读下一篇'],
    // from a review: a label and a number inside a heading or a phrase is no counter; nor is a label without a number
    ['推荐3家餐厅'],
    ['评论：3名官员被免职'],
    ['阅读 3 本书'],
    ['不推荐3岁以下儿童使用'],
    ['点击3次即可完成报名'],
    ['BTS 뮤직비디오 조회수 1억 돌파'],
    ['여름 휴가지 추천 5곳'],
    ['閲覧数1000回を突破'],
    ['댓글, 조회수, 추천 기능 개편'],
    ['Today the council voted to borrow four million, and yesterday at 3:10 pm the mayor resigned.'],
    // from a hands-on test: sentences that carry one term of a rights notice, or start with "Copyright" or a label word
    ['Scientists said the results could not be reproduced by other laboratories, casting doubt on the study.'],
    ['Officers entered the home without prior permission from a judge, the lawsuit alleges.'],
    ['The judge ruled that the names may not be published until the trial begins.'],
    ['Copyright infringement lawsuits rose 20 percent last year, according to court records.'],
    ['Copyright lawyers for the city said they would appeal the ruling.'],
    ['Subscribe-and-save programs have drawn scrutiny from regulators, the report said.'],
    ['(c) the right to appeal a decision of the board'],
    ['Killed by Police 3 hours ago'],
    // from a review: news sentences with two terms of a rights notice but no prohibition; correction notes; a title-case heading
    ['Correction: An earlier version of this article, published Nov. 28, misstated the size of the tax increase. It is $180, not $280.'],
    ["Editor's note: This article was originally published on Nov. 28 and has been updated with the final vote."],
    ['This article was published in error and has been withdrawn.'],
    ['The report was published on Monday and broadcast on national radio the same evening.'],
    ['The judge ordered that the video not be broadcast or republished by any outlet.'],
    ['The book, published in 1998, is still under copyright.'],
    ['The experiment has since been reproduced and published in Nature.'],
    ['Today at 10:02 | Council Votes On Budget'],
    // from a second hands-on test: court and copyright reporting in a notice's words, about someone else's rights
    ['Under an injunction granted on Friday, the footage may not be broadcast or published in Britain until the inquiry reports.'],
    ['Copyright holders say the songs cannot be reproduced on the platform without a licence, and the company has until June to comply.'],
    ["The singer's label said all rights reserved for the estate would pass to her two children after the court hearing."],
    ['The agency said its photographs may not be reproduced without written permission and asked the newspaper to remove them.'],
    // a notice's words, reported: the closing note's open case
    ['The video may not be broadcast or published until the trial ends, the judge said.'],
    ['The report may not be published or broadcast in Britain, according to the order.'],
    ['The contents of this website may not be reproduced, published or broadcast without written permission, lawyers for the paper told the court.'],
    // from a review: more reported notices, and a court story's subject
    ['The video may not be broadcast or published until the trial ends, lawyers say.'],
    ['The video may not be broadcast or published until the trial ends, the judge directed.'],
    ['The footage may not be published or broadcast until sentencing, the order states.'],
    ['The images may not be published or broadcast under an order made at Southwark Crown Court.'],
    ["Copyright 2025 filings show the studio registered the film's script only after the lawsuit was filed in March."],
    ["Subscribe to the council's newsletter, officials urged residents, to hear about route changes first."],
    ['Он пришёл 3 часа назад и ушёл.'],
    ['Ocean Views 2024'],
    ["Readers' Views 2024"],
    ['The meeting was updated at 10:02 with new figures from the treasury.'],
    ['Автор книги рассказал, что 3 часа назад был в городе.'],
    ['The vote was 1234 to 56.'],
    ['Read 3 times a day, the manual says.'],
    ['1,204'],
    ['2019'],
    ['The meeting is today at 10:00'],
    ['Hier klicken'],
    // a review of the French reading time and the name words: English lines that are no meta bar
    ['Lecture: 45 min'],
    ['Biden met Putin · 2 hours ago'],
    ['Dinner with Friends · 3 hours ago'],
    // a second QA pass: a sentence around a long address (the address over 40 % of it)
    ['Details of the scheme, the water board said, are at https://www.gov.example/reservoir-plan-2026-consultation-documents-and-maps-for-residents for residents to read.'],
    ['Hier · Jan Müller'],
    ['🚨 Breaking: fire at the harbour'],
    ['3 views on the budget | Opinion'],
    ['By then, 41 comments had poured in'],
    ['The post got 3 likes and 12 replies'],
    ['Arsenal 2 Chelsea 1 · 45 minutes ago'],
    ['Yes 62% · No 38% · 41 comments'],
  ])('keeps article text %j', (p) => {
    expect(isFurniture(p)).toBe(false);
  });

  it('every rule has a name that says what it matches', () => {
    for (const rule of FURNITURE_RULES) expect(rule.name.length).toBeGreaterThan(10);
  });

  it('never matches long paragraphs', () => {
    expect(isFurniture('READ MORE: ' + 'the council voted to keep the library open '.repeat(10))).toBe(false);
  });
});

describe('paywall prompts', () => {
  it.each([['Subscribe to continue reading'], ['Already a subscriber? Log in'], ['This article is for subscribers only.']])('%j is furniture', (p) => {
    expect(isFurniture(p)).toBe(true);
  });
});

describe('normalizeText keeps what spells and drops what never shows', () => {
  it.each([
    ['the zero-width non-joiner spells Persian', 'می‌خواهم', 'می‌خواهم'],
    ['the zero-width joiner joins an emoji family', '👨‍👩‍👧', '👨‍👩‍👧'],
    ['a zero-width space goes', 'a\u200Bb', 'ab'],
    ['control characters go (backspace, escape, a noncharacter)', 'a\u0008b\u001bc\uFFFEd', 'abcd'],
    ['NEL is a line break, so a space', 'line\u0085next', 'line next'],
  ])('%s', (_rule, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});
