// End-to-end: choosing the case (R26) in a BOvV meeting, in real Chromium against the real server.
// Three members propose a case privately (title and question), the facilitator reveals, everyone
// spreads their three urgency votes, the facilitator chooses a case; its author first declines,
// then another proposal is chosen and its author says yes. Then the presenter reacts to what was
// asked, everyone writes what they take along, and the group's next meeting brings the case and
// the takeaways back in its recall step. Screenshots at 375 and 1280 px go to tests/browser/screenshots/9x-case-*.
//
// Run: node tests/browser/case-choice.test.mjs   (env INTERVISIE_SERVER, INTERVISIE_STATIC_DIR optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BrowserHarness, PHONE, LAPTOP, byTestId, joinAs } from './harness.mjs';

const h = new BrowserHarness();
const proposal = (page, title) => byTestId(page, 'proposal').filter({ has: page.locator('.proposal-title', { hasText: title }) });

async function propose(page, title, question) {
  await byTestId(page, 'add-note').click();
  const note = page.locator('.note-edit').last();
  await note.locator('[data-testid="note-input"]').fill(question);
  // Without a title the proposal waits (and says so).
  await note.locator('[data-testid="note-status"]', { hasText: 'titel' }).waitFor();
  await note.locator('[data-testid="note-title"]').fill(title);
  await note.locator('[data-testid="note-save"]').click();
  await note.locator('[data-testid="note-status"]', { hasText: 'opgeslagen' }).waitFor();
}

before(() => h.start('intervisie-browser-case-'));
after(() => h.stop());

test('choosing the case together', async (t) => {
  const links = {};
  let coord, fac, pa, pb, all;
  const CASES = { a: ['Weglopen', 'Een jongere loopt steeds weg. Wat kan ik nog doen?'], b: ['Een vader op afstand', 'Hoe betrek ik een vader die niet wil praten?'] };

  await t.test('a BOvV meeting with a facilitator and two participants', async () => {
    coord = await h.newPage(LAPTOP, 'coordinator');
    await coord.goto(h.server.adminUrl);
    await coord.waitForURL(/#\/coordinator$/);
    await byTestId(coord, 'group-name').fill('Casusgroep');
    await coord.getByRole('button', { name: 'Groep maken' }).click();
    await coord.locator('.group-name', { hasText: 'Casusgroep' }).waitFor();
    await byTestId(coord, 'meeting-title').fill('Praktijkcasus');
    await byTestId(coord, 'meeting-method').selectOption('bovv');
    await coord.getByRole('button', { name: 'Bijeenkomst maken' }).click();
    await byTestId(coord, 'links-box').waitFor();
    links.facilitator = await byTestId(coord, 'facilitator-link').inputValue();
    links.invite = await byTestId(coord, 'invite-link').inputValue();
    fac = await h.newPage(LAPTOP, 'facilitator');
    await joinAs(fac, links.facilitator, 'Fenna', 'teacher');
    pa = await h.newPage(PHONE, 'participant-a');
    await joinAs(pa, links.invite, 'Aisha', 'student');
    pb = await h.newPage(LAPTOP, 'participant-b');
    await joinAs(pb, links.invite, 'Bram', 'parent');
    all = [fac, pa, pb];
    for (const p of all) await p.locator('[data-testid="step-card"][data-kind="case_choice"]').waitFor();
  });

  await t.test('proposals are private until the reveal', async () => {
    await propose(pa, ...CASES.a);
    await propose(pb, ...CASES.b);
    await byTestId(pb, 'done-toggle').click();
    await h.shoot(pa, '90-case-propose-participant');
    for (const [p, other] of [[pa, CASES.b], [pb, CASES.a], [fac, CASES.a], [fac, CASES.b]]) {
      assert.ok(!(await p.content()).includes(other[1]), 'nobody sees another proposal before the reveal');
    }
    await byTestId(fac, 'reveal').click();
    await byTestId(fac, 'reveal-yes').click();
    for (const p of all) for (const [title] of Object.values(CASES)) await proposal(p, title).waitFor();
  });

  await t.test('everyone spreads three votes; the budget holds', async () => {
    await byTestId(pa, 'vote-budget').getByText('nog 3 van 3').waitFor();
    await proposal(pa, CASES.b[0]).locator('[data-testid="vote-plus"]').click();
    await byTestId(pa, 'vote-budget').getByText('nog 2 van 3').waitFor();
    await proposal(pa, CASES.b[0]).locator('[data-testid="vote-plus"]').click();
    await byTestId(pa, 'vote-budget').getByText('nog 1 van 3').waitFor();
    await proposal(pa, CASES.a[0]).locator('[data-testid="vote-plus"]').click();
    await byTestId(pa, 'vote-budget').getByText('nog 0 van 3').waitFor();
    assert.equal(await proposal(pa, CASES.a[0]).locator('[data-testid="vote-plus"]').isDisabled(), true, 'no votes left');
    await proposal(pb, CASES.b[0]).locator('[data-testid="vote-plus"]').click();
    for (const p of all) await proposal(p, CASES.b[0]).locator('[data-testid="vote-total"]', { hasText: '3' }).waitFor();
    // Taking one back frees it.
    await proposal(pa, CASES.a[0]).locator('[data-testid="vote-minus"]').click();
    await byTestId(pa, 'vote-budget').getByText('nog 1 van 3').waitFor();
    for (const p of all) await proposal(p, CASES.a[0]).locator('[data-testid="vote-total"]', { hasText: '0' }).waitFor();
    assert.equal(await byTestId(pa, 'choose-case').count(), 0, 'only the facilitator chooses');
    await h.shoot(pa, '91-case-votes-participant');
    await h.shoot(fac, '91-case-votes-facilitator');
  });

  await t.test('the facilitator chooses; Bram declines, Aisha accepts', async () => {
    await proposal(fac, CASES.b[0]).locator('[data-testid="choose-case"]').click();
    await byTestId(pb, 'consent-dialog').getByText(CASES.b[0]).waitFor();
    for (const p of [fac, pa]) await byTestId(p, 'consent-wait').getByText('Wacht op toestemming van Bram').waitFor();
    await h.shoot(pb, '92-case-consent');
    await byTestId(pb, 'consent-no').click();
    for (const p of all) await byTestId(p, 'consent-wait').waitFor({ state: 'detached' });
    for (const p of all) assert.equal(await byTestId(p, 'case-line').count(), 0, 'declining leaves no presenter');
    await proposal(fac, CASES.a[0]).locator('[data-testid="choose-case"]').click();
    await byTestId(pa, 'consent-dialog').waitFor();
    await byTestId(pa, 'consent-yes').click();
    for (const p of all) await byTestId(p, 'case-line').getByText(`Casus: ${CASES.a[0]} — inbrenger Aisha`).waitFor();
    await h.shoot(pb, '93-case-chosen');
  });

  await t.test('the presenter tells, the others ask, the presenter says what touched', async () => {
    await byTestId(fac, 'next-step').click();
    for (const p of all) await p.locator('[data-testid="step-card"][data-kind="present"]').waitFor();
    await byTestId(pa, 'telling').waitFor();
    await byTestId(fac, 'next-step').click();
    for (const p of all) await p.locator('[data-testid="step-card"][data-kind="question_round"]').waitFor();
    // Order: everyone but the presenter: Fenna, Bram.
    await byTestId(fac, 'ask-input').fill('Fenna vraagt: sinds wanneer?');
    await byTestId(fac, 'ask-send').click();
    await byTestId(pb, 'ask-input').fill('Bram vraagt: waar gaat hij heen?');
    await byTestId(pb, 'ask-send').click();
    for (const p of all) await byTestId(p, 'questions').getByText('Bram vraagt').waitFor();
    await byTestId(fac, 'next-step').click();
    for (const p of all) await p.locator('[data-testid="step-card"][data-kind="react"]').waitFor();
    const q = byTestId(pa, 'react-notes').locator('[data-testid="revealed-note"]', { hasText: 'Bram vraagt' });
    await q.locator('[data-testid="mark-touch"]').click();
    for (const p of all) await byTestId(p, 'react-notes').locator('[data-testid="revealed-note"]', { hasText: 'Bram vraagt' }).locator('[data-testid="mark-touches"]').waitFor();
    await h.shoot(pb, '94-case-react');
  });

  await t.test('takeaways, and the next meeting of the group recalls them, the presenter first', async () => {
    for (const kind of ['discussion', 'takeaways']) {
      await byTestId(fac, 'next-step').click();
      for (const p of all) await p.locator(`[data-testid="step-card"][data-kind="${kind}"]`).waitFor();
    }
    for (const [p, text] of [[pb, 'Bram neemt mee: eerst luisteren.'], [pa, 'Aisha neemt mee: ik bel de school.']]) {
      await byTestId(p, 'add-note').click();
      await p.locator('.note-edit').last().locator('textarea').fill(text);
      await p.locator('.note-edit').last().locator('[data-testid="note-save"]').click();
      await p.locator('.note-edit').last().locator('[data-testid="note-status"]', { hasText: 'opgeslagen' }).waitFor();
    }
    await byTestId(fac, 'reveal').click();
    await byTestId(fac, 'reveal-yes').click();
    for (const p of all) await byTestId(p, 'revealed').getByText('Aisha neemt mee').waitFor();

    await byTestId(coord, 'meeting-title').fill('Volgende keer');
    await byTestId(coord, 'meeting-method').selectOption('buiten_je_bubbel');
    await coord.getByRole('button', { name: 'Bijeenkomst maken' }).click();
    await byTestId(coord, 'links-box').getByText('Volgende keer').waitFor();
    const invite = await byTestId(coord, 'invite-link').inputValue();
    const next = await h.newPage(PHONE, 'next-meeting');
    await joinAs(next, invite, 'Bram', 'parent');
    await next.locator('[data-testid="step-card"][data-kind="recall"]').waitFor();
    const recall = byTestId(next, 'recall');
    await recall.getByText('Praktijkcasus').waitFor();
    await byTestId(next, 'recall-case').getByText(CASES.a[0]).waitFor();
    const first = byTestId(next, 'recall-takeaways').locator('li').first();
    await first.getByText('Aisha neemt mee').waitFor();
    await h.shoot(next, '95-case-recall-next-meeting');
  });

  await t.test('no errors or CSP violations in any page', async () => {
    assert.deepEqual(h.problems, []);
  });
});
