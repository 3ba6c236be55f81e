// End-to-end: the roddelmethode from start to finish in real Chromium against the real server.
// Fenna leads (laptop), Aisha takes part on a 375 px phone, Pim brings the case (laptop) and Ruud
// (phone) is removed halfway. Every step is handled by its kind, read from the step card
// (data-kind), so the test follows server/methods/roddelmethode.json as it changes; next passes
// over the optional steps, which are opened from the step list. Covered on the way: appointing
// the presenter and their consent, timers (custom minutes, timebox, +1 min, time up), the roddel
// step where the presenter only listens, the question round (ask, pass, skip, reorder, marks),
// what touches most, reveal when everyone is done, tops/tips and scores, removing a member, handing
// over facilitation and ending the meeting. Screenshots of every step at 375 and 1280 px go to
// tests/browser/screenshots/8x-roddel-*.
//
// "Time is up" is provoked with timer_start {duration_seconds: 2} on a second connection of the
// facilitator (the UI's shortest is one minute); the screens are then checked as usual.
//
// Run: node tests/browser/roddel.test.mjs   (env INTERVISIE_SERVER, INTERVISIE_STATIC_DIR optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BrowserHarness, PHONE, LAPTOP, byTestId, joinAs } from './harness.mjs';

const h = new BrowserHarness();
const member = (page, name) => byTestId(page, 'members').locator('.member', { has: page.locator('.member-name', { hasText: name }) });

async function addNote(page, text) {
  const before = await byTestId(page, 'note-input').count();
  await byTestId(page, 'add-note').click();
  const note = page.locator('.note-edit').nth(before);
  await note.locator('textarea').fill(text);
  await note.locator('[data-testid="note-save"]').click();
  // "opgeslagen" appears only after the server's reply to this save (R16).
  await note.locator('[data-testid="note-status"]', { hasText: 'opgeslagen' }).waitFor();
}

async function kindOf(page) {
  return page.locator('[data-testid="step-card"]').first().getAttribute('data-kind');
}

async function atStep(pages, i) {
  for (const p of pages) await p.locator(`[data-testid="step-card"][data-step="${i}"]`).waitFor();
}

/** Waits (polling in the page, no fixed sleep) until the countdown shows lo..hi seconds. */
async function clockBetween(page, lo, hi) {
  await page.waitForFunction(
    ([lo, hi]) => {
      const el = document.querySelector('[data-testid="timer-clock"]');
      const m = el && /^(\d+):(\d\d)$/.exec(el.textContent.trim());
      if (!m) return false;
      const s = Number(m[1]) * 60 + Number(m[2]);
      return s >= lo && s <= hi;
    },
    [lo, hi],
  );
}

/** A second connection of this page's member sends one command (what the UI cannot: a 2 s timer). */
async function rawCommand(page, type, data) {
  return page.evaluate(
    async ([type, data]) => {
      const meetingId = decodeURIComponent(location.hash.replace('#/meeting/', ''));
      const rec = JSON.parse(localStorage.getItem(`intervisie.member.${meetingId}`));
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
      const next = (pred) => new Promise((resolve) => (ws.onmessage = (e) => { const m = JSON.parse(e.data); if (pred(m)) resolve(m); }));
      await new Promise((r) => (ws.onopen = r));
      const welcomed = next((m) => m.type === 'welcome');
      ws.send(JSON.stringify({ type: 'hello', data: { protocol: 1, member_token: rec.member_token } }));
      await welcomed;
      const reply = next((m) => m.ref === 1);
      ws.send(JSON.stringify({ type, ref: 1, data: { meeting_id: meetingId, ...data } }));
      const m = await reply;
      ws.close();
      return m.type;
    },
    [type, data],
  );
}

before(() => h.start('intervisie-browser-roddel-'));
after(() => h.stop());

test('the roddelmethode from start to finish', async (t) => {
  const links = {};
  let fac, pa, pp, pr;
  let all; // the pages still in the meeting
  const A = { gossip: 'Aisha: ik denk dat hij bang is om het fout te doen.', tip: 'Aisha: vraag de school om één vast aanspreekpunt.' };

  await t.test('coordinator creates a roddelmethode meeting', async () => {
    const coord = await h.newPage(LAPTOP, 'coordinator');
    await coord.goto(h.server.adminUrl);
    await coord.waitForURL(/#\/coordinator$/);
    await byTestId(coord, 'group-name').fill('Roddelgroep');
    await coord.getByRole('button', { name: 'Groep maken' }).click();
    await coord.locator('.group-name', { hasText: 'Roddelgroep' }).waitFor();
    await byTestId(coord, 'meeting-title').fill('Roddelen over een casus');
    await byTestId(coord, 'meeting-method').selectOption('roddelmethode');
    await coord.getByRole('button', { name: 'Bijeenkomst maken' }).click();
    await byTestId(coord, 'links-box').waitFor();
    links.facilitator = await byTestId(coord, 'facilitator-link').inputValue();
    links.invite = await byTestId(coord, 'invite-link').inputValue();
    await coord.context().close();
  });

  await t.test('four join; the facilitator appoints Pim from the members menu and Pim says yes', async () => {
    fac = await h.newPage(LAPTOP, 'facilitator');
    await joinAs(fac, links.facilitator, 'Fenna', 'teacher');
    pa = await h.newPage(PHONE, 'participant');
    await joinAs(pa, links.invite, 'Aisha', 'student');
    pp = await h.newPage(LAPTOP, 'presenter');
    await joinAs(pp, links.invite, 'Pim', 'professional');
    pr = await h.newPage(PHONE, 'removed');
    await joinAs(pr, links.invite, 'Ruud', 'parent');
    all = [fac, pa, pp, pr];
    for (const p of all) await byTestId(p, 'members').locator('.member').nth(3).waitFor();
    assert.equal(await byTestId(pa, 'member-more').count(), 0, 'participants have no members menu');

    await member(fac, 'Pim').locator('[data-testid="member-more"]').click();
    await h.shoot(fac, '80-roddel-members-menu');
    await member(fac, 'Pim').locator('[data-testid="menu-appoint"]').click();
    await byTestId(pp, 'consent-dialog').waitFor();
    for (const p of [fac, pa, pr]) await byTestId(p, 'consent-wait').getByText('Wacht op toestemming van Pim').waitFor();
    await h.shoot(pp, '80-roddel-consent-presenter');
    await h.shoot(pa, '80-roddel-consent-wait');
    await byTestId(pp, 'consent-yes').click();
    for (const p of all) {
      await member(p, 'Pim').getByText('inbrenger', { exact: true }).waitFor();
      await byTestId(p, 'case-line').getByText('Pim').waitFor();
    }
  });

  // Each step kind: what the roles do there. `i` is the step index.
  const seen = new Set();
  const handlers = {
    async check_in(i) {
      await shared(i, `Aisha checkt in (${i}): moe maar nieuwsgierig.`);
    },
    async check_out(i) {
      await shared(i, `Aisha checkt uit (${i}): ik ga met een goed gevoel weg.`);
    },
    async discussion(i) {
      await shared(i, seen.has('discussion') ? A.tip : A.gossip);
    },
    async reflection(i) {
      await shared(i, `Aisha reflecteert (${i}).`);
    },
    async recall(i) {
      await byTestId(pa, 'recall').waitFor();
      await shared(i, `Aisha blikt terug (${i}).`);
    },
    async present(i) {
      await byTestId(pp, 'telling').getByText('Jij vertelt nu').waitFor();
      assert.equal(await byTestId(pp, 'add-note').count(), 0, 'the presenter tells and writes nothing here');
      await byTestId(pa, 'editor-hint').getByText('Alleen voor jou').waitFor();
      const jot = 'Aisha noteert voor zichzelf: vader werkt veel.';
      await addNote(pa, jot);
      for (const p of [fac, pp]) assert.ok(!(await p.content()).includes(jot), 'own jottings stay with their author');
    },
    async question_round() {
      await questionRound();
    },
    async react() {
      await byTestId(pp, 'react-notes').waitFor();
      const target = byTestId(pp, 'react-notes').locator('[data-testid="revealed-note"]').first();
      const text = await target.locator('.note-text').innerText();
      await target.locator('[data-testid="mark-touch"]').click();
      for (const p of all) await byTestId(p, 'react-notes').locator('[data-testid="revealed-note"]', { hasText: text }).locator('[data-testid="mark-touches"]').waitFor();
      assert.equal(await byTestId(pa, 'mark-touch').count(), 0, 'only the presenter marks');
    },
    async private_write(i) {
      await revealStep(i);
    },
    async takeaways(i) {
      await revealStep(i, { auto: true });
      // The presenter's takeaways come first.
      const first = byTestId(pa, 'revealed').locator('.author-block').first();
      assert.match(await first.locator('h3').innerText(), /Pim/);
    },
    async evaluation() {
      await byTestId(pa, 'score-4').click();
      await byTestId(pa, 'score-4').and(pa.locator('[aria-pressed="true"]')).waitFor();
      await byTestId(pa, 'add-note').click();
      await pa.locator('.note-edit').last().locator('[data-testid="label-top"]').click();
      await pa.locator('.note-edit').last().locator('textarea').fill('Aisha: fijn dat iedereen aan de beurt kwam.');
      await pa.locator('.note-edit').last().locator('[data-testid="note-save"]').click();
      await pa.locator('.note-edit').last().locator('[data-testid="note-status"]', { hasText: 'opgeslagen' }).waitFor();
      await byTestId(fac, 'eval-scores').getByText('4 / 5').waitFor();
      await byTestId(fac, 'eval-all').getByText('fijn dat iedereen aan de beurt kwam').waitFor();
      assert.ok(!(await pp.content()).includes('fijn dat iedereen aan de beurt kwam'), 'evaluations are for the author and the facilitator only');
    },
    async case_choice() {
      throw new Error('the roddelmethode has no case_choice step; the case is appointed directly');
    },
    async info() {},
  };

  async function presenterListens() {
    // Whether the presenter only listens in this step shows on the presenter's own screen.
    return (await byTestId(pp, 'listening').count()) > 0;
  }

  async function shared(i, text) {
    if (await presenterListens()) {
      await byTestId(pp, 'listening').getByText('Jij luistert nu').waitFor();
      assert.equal(await byTestId(pp, 'add-note').count(), 0, 'the presenter has no input while listening');
      await h.shoot(pp, `8${i}-roddel-step${i}-presenter-listens`);
    }
    await addNote(pa, text);
    for (const p of all.filter((x) => x !== pa)) await byTestId(p, 'shared-notes').getByText(text).waitFor();
  }

  async function revealStep(i, { auto = false } = {}) {
    const writers = (await presenterListens()) ? [pa] : [pa, pp];
    for (const p of writers) await addNote(p, `${p === pa ? 'Aisha' : 'Pim'} neemt mee (${i}).`);
    if (auto) {
      // R25: on, and the server reveals as soon as everyone expected is done.
      await byTestId(fac, 'auto-reveal').check();
      await byTestId(fac, 'auto-reveal').and(fac.locator(':checked')).waitFor();
      for (const p of writers) await byTestId(p, 'done-toggle').click();
    } else {
      await h.shoot(fac, `8${i}-roddel-step${i}-before-reveal-facilitator`);
      for (let round = 0; round < 2; round++) {
        const reveal = byTestId(fac, 'reveal');
        if ((await reveal.count()) === 0) break;
        await reveal.click();
        await byTestId(fac, 'reveal-yes').click();
        await reveal.waitFor({ state: 'detached' }).catch(() => {});
      }
    }
    for (const p of all) await byTestId(p, 'revealed').getByText(`Aisha neemt mee (${i}).`).waitFor();
    assert.equal(await byTestId(pa, 'note-input').count(), 0, 'read-only after the reveal');
  }

  async function turnOf(page, name) {
    await byTestId(page, 'turns').locator('[data-testid="turn"][aria-current="true"]', { hasText: name }).waitFor();
  }

  async function questionRound() {
    // Order: everyone but the presenter, in join order: Fenna, Aisha, Ruud.
    const order = await byTestId(fac, 'turns').locator('[data-testid="turn"] .turn-name').allInnerTexts();
    assert.deepEqual(order.map((x) => x.split(/\s|\n/)[0]), ['Fenna', 'Aisha', 'Ruud']);
    for (const p of all) await turnOf(p, 'Fenna');
    await byTestId(fac, 'ask-input').fill('Fenna vraagt: wat wil je bereiken?');
    await byTestId(fac, 'ask-send').click();
    for (const p of all) await turnOf(p, 'Aisha');
    assert.equal(await byTestId(pp, 'ask-box').count(), 0, 'the presenter asks nothing');
    await byTestId(pr, 'turn-wait').getByText('Aisha is aan de beurt').waitFor();
    await h.shoot(pa, '82-roddel-question-at-turn');
    const Q = 'Aisha vraagt: wie helpt je nu al?';
    await byTestId(pa, 'ask-input').fill(Q);
    await byTestId(pa, 'ask-send').click();
    for (const p of all) await byTestId(p, 'questions').getByText(Q).waitFor();
    await turnOf(fac, 'Ruud');
    // The facilitator skips Ruud; the second lap starts with Fenna.
    await byTestId(fac, 'turn-skip').click();
    for (const p of all) await turnOf(p, 'Fenna');
    await byTestId(fac, 'turns').getByText('ronde 2').waitFor();
    // Aisha moves up: the turn stays with Fenna, now second.
    await byTestId(fac, 'turns').locator('[data-testid="turn"]', { hasText: 'Aisha' }).locator('[data-testid="turn-up"]').click();
    await byTestId(pa, 'turns').locator('[data-testid="turn"]').first().getByText('Aisha').waitFor();
    await turnOf(pa, 'Fenna');
    await byTestId(fac, 'ask-pass').click();
    for (const p of all) await turnOf(p, 'Ruud');
    // The presenter marks Aisha's question: picked, warm, answered; everyone sees it.
    const q = byTestId(pp, 'questions').locator('[data-testid="revealed-note"]', { hasText: Q });
    await q.locator('[data-testid="mark-pick"]').click();
    await q.locator('[data-testid="mark-pick"][aria-pressed="true"]').waitFor();
    await q.locator('[data-testid="mark-warm"]').click();
    await q.locator('[data-testid="mark-warm"][aria-pressed="true"]').waitFor();
    await q.locator('[data-testid="mark-answer"]').click();
    for (const p of [fac, pa, pr]) {
      const seenQ = byTestId(p, 'questions').locator('[data-testid="revealed-note"]', { hasText: Q });
      await seenQ.locator('[data-testid="mark-rating"]', { hasText: 'warm' }).waitFor();
      await seenQ.locator('[data-testid="mark-answered"]').waitFor();
    }
    await h.shoot(pp, '82-roddel-question-marks-presenter');
    await h.shoot(fac, '82-roddel-question-facilitator');
  }

  async function timers(i, kind) {
    if (i === 0) {
      // A step without a timebox: the facilitator types the minutes.
      await byTestId(fac, 'timer-minutes').fill('1');
      await byTestId(fac, 'timer-start').click();
      for (const p of all) await clockBetween(p, 50, 60);
      await byTestId(fac, 'timer-add-1').click();
      for (const p of all) await clockBetween(p, 110, 120);
      return;
    }
    if (kind === 'present') {
      await byTestId(fac, 'timer-start').getByText(/Start timer \(\d+ min\)/).click();
      for (const p of all) await p.locator('[data-testid="timer"][data-phase="running"]').waitFor();
      assert.equal(await rawCommand(fac, 'timer_start', { duration_seconds: 2 }), 'timer_changed');
      for (const p of all) {
        await p.locator('[data-testid="timer"][data-phase="up"]').waitFor();
        await byTestId(p, 'timer-phase').getByText('Tijd is om').waitFor();
      }
      await byTestId(fac, 'timer-restart').waitFor();
      await h.shoot(pa, `8${i}-roddel-step${i}-time-up`);
    }
  }

  async function doStep(i) {
    const kind = await kindOf(fac);
    for (const p of all) assert.equal(await kindOf(p), kind);
    // Every step shows its instructions.
    for (const p of all) assert.ok((await byTestId(p, 'step-instructions').innerText()).trim().length > 0);
    await timers(i, kind);
    assert.ok(handlers[kind], `no handler for step kind ${kind}`);
    await handlers[kind](i);
    seen.add(kind);
    await h.shoot(pa, `8${i}-roddel-step${i}-${kind}-participant`);
    await h.shoot(pp, `8${i}-roddel-step${i}-${kind}-presenter`);
    if (kind === 'question_round') {
      // Ruud leaves the meeting here: removed by the facilitator, after a confirmation.
      await member(fac, 'Ruud').locator('[data-testid="member-more"]').click();
      await member(fac, 'Ruud').locator('[data-testid="menu-remove"]').click();
      await byTestId(fac, 'confirm-remove').getByText('Ruud verwijderen?').waitFor();
      await byTestId(fac, 'confirm-remove-yes').click();
      await byTestId(pr, 'removed').getByText('Je bent uit deze bijeenkomst verwijderd').waitFor();
      await h.shoot(pr, '83-roddel-removed');
      all = [fac, pa, pp];
      for (const p of all) await member(p, 'Ruud').getByText('verwijderd').waitFor();
    }
  }

  const optionalSteps = [];

  await t.test('every step, in order; next passes over the optional ones', async (st) => {
    const labels = await fac.locator('[data-testid="step-btn"]').evaluateAll((els) => els.map((e) => ({ i: Number(e.dataset.step), optional: !!e.querySelector('.step-opt') })));
    assert.ok(labels.length >= 6, 'the roddelmethode has its steps');
    let i = await fac.locator('[data-testid="step-card"]').first().getAttribute('data-step').then(Number);
    assert.equal(i, 0, 'the meeting starts at the first step');
    for (;;) {
      await st.test(`step ${i}`, () => doStep(i));
      const next = byTestId(fac, 'next-step');
      if (await next.isDisabled()) break;
      await next.click();
      const expected = labels.find((l) => l.i > i && !l.optional);
      i = expected.i;
      await atStep(all, i);
    }
    optionalSteps.push(...labels.filter((l) => l.optional && l.i > i).map((l) => l.i));
    // Optional steps show "optioneel" instead of a number.
    const optText = await fac.locator('[data-testid="step-btn"]', { has: fac.locator('.step-opt') }).first().innerText();
    assert.match(optText, /optioneel/);
  });

  await t.test('the optional steps after the last one are opened from the step list', async (st) => {
    for (const i of optionalSteps) {
      await fac.locator(`[data-testid="step-btn"][data-step="${i}"]`).click();
      await byTestId(fac, 'open-step').click();
      await atStep(all, i);
      await byTestId(fac, 'step-count').getByText('Optionele stap').waitFor();
      await st.test(`optional step ${i}`, () => doStep(i));
    }
  });

  await t.test('Fenna hands facilitation to Aisha', async () => {
    await member(fac, 'Aisha').locator('[data-testid="member-more"]').click();
    await member(fac, 'Aisha').locator('[data-testid="menu-hand"]').click();
    await byTestId(fac, 'confirm-hand').waitFor();
    await h.shoot(fac, '89-roddel-hand-confirm');
    await byTestId(fac, 'confirm-hand-yes').click();
    await byTestId(pa, 'facilitator-controls').waitFor();
    await byTestId(fac, 'facilitator-controls').waitFor({ state: 'detached' });
    for (const p of all) await member(p, 'Aisha').getByText('begeleider').waitFor();
  });

  await t.test('Aisha ends the meeting: everyone sees it, everything is read-only', async () => {
    await byTestId(pa, 'end-meeting').click();
    await byTestId(pa, 'confirm-end').waitFor();
    await byTestId(pa, 'end-yes').click();
    for (const p of all) {
      await byTestId(p, 'ended-banner').waitFor();
      assert.equal(await byTestId(p, 'add-note').count(), 0, 'nothing to write after the end');
      assert.equal(await byTestId(p, 'facilitator-controls').count(), 0, 'no controls after the end');
    }
    await h.shoot(pa, '89-roddel-ended-participant');
    await h.shoot(fac, '89-roddel-ended-facilitator');
  });

  await t.test('no errors or CSP violations in any page', async () => {
    assert.deepEqual(h.problems, []);
  });
});
