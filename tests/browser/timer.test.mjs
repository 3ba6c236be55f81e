// End-to-end: the step timer (R22) in real Chromium against the real server. A facilitator and two
// participants (one on a 375 px phone) in a roddelmethode meeting (an optional check-in, then
// timeboxes 5/10/10/5/5/5 min):
// start, pause, +1 min, resume and the step change that clears it, seen on all three screens.
// Screenshots of the running and paused timer at 375 and 1280 px go to tests/browser/screenshots/.
//
// "Time is up" is not reached here: the shortest timer the UI can start is 1 minute, and faking the
// page clock does not work by design (the client corrects its clock with server_time from pong).
// The time-up phase is covered by the web client's unit tests (test/timer.test.ts).
//
// Run: node tests/browser/timer.test.mjs   (env INTERVISIE_SERVER, INTERVISIE_STATIC_DIR optional)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BrowserHarness, PHONE, LAPTOP, byTestId, joinAs } from './harness.mjs';

const h = new BrowserHarness();

const seconds = (text) => {
  const m = /^(\d+):(\d\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

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
  return seconds(await byTestId(page, 'timer-clock').innerText());
}

async function phase(page, p) {
  await page.locator(`[data-testid="timer"][data-phase="${p}"]`).waitFor();
}

before(() => h.start('intervisie-browser-timer-'));
after(() => h.stop());

test('the step timer in the browser', async (t) => {
  const links = {};
  let fac, pa, pb;

  await t.test('coordinator creates a roddelmethode meeting', async () => {
    const coord = await h.newPage(LAPTOP, 'coordinator');
    await coord.goto(h.server.adminUrl);
    await coord.waitForURL(/#\/coordinator$/);
    await byTestId(coord, 'group-name').fill('Timergroep');
    await coord.getByRole('button', { name: 'Groep maken' }).click();
    await coord.locator('.group-name', { hasText: 'Timergroep' }).waitFor();
    await byTestId(coord, 'meeting-title').fill('Roddelmethode met timer');
    await byTestId(coord, 'meeting-method').selectOption('roddelmethode');
    await coord.getByRole('button', { name: 'Bijeenkomst maken' }).click();
    await byTestId(coord, 'links-box').waitFor();
    links.facilitator = await byTestId(coord, 'facilitator-link').inputValue();
    links.invite = await byTestId(coord, 'invite-link').inputValue();
    await coord.context().close();
  });

  await t.test('facilitator and two participants join (one on a phone); no timer yet', async () => {
    fac = await h.newPage(LAPTOP, 'facilitator');
    await joinAs(fac, links.facilitator, 'Fenna', 'teacher');
    pa = await h.newPage(PHONE, 'participant-a');
    await joinAs(pa, links.invite, 'Aisha', 'student');
    pb = await h.newPage(LAPTOP, 'participant-b');
    await joinAs(pb, links.invite, 'Bram', 'parent');
    for (const p of [fac, pa, pb]) await byTestId(p, 'members').locator('.member').nth(2).waitFor();
    for (const p of [fac, pa, pb]) assert.equal(await byTestId(p, 'timer').count(), 0);
    // The meeting opens on the optional check-in (no timebox); "next" goes to Introductie (5 min).
    await byTestId(fac, 'timer-minutes').waitFor();
    await byTestId(fac, 'next-step').click();
    for (const p of [fac, pa, pb]) await p.locator('[data-testid="step-card"][data-step="1"]').waitFor();
    await byTestId(fac, 'timer-start').getByText('Start timer (5 min)').waitFor();
    assert.equal(await byTestId(pa, 'timer-controls').count(), 0, 'participants have no timer controls');
    // Sound is off unless switched on.
    await h.shoot(fac, '70-timer-none-facilitator');
  });

  let pausedAt;

  await t.test('start: all three count down from 5:00', async () => {
    await byTestId(fac, 'timer-start').click();
    for (const p of [fac, pa, pb]) {
      await phase(p, 'running');
      await clockBetween(p, 290, 300);
      await byTestId(p, 'timer-phase').getByText('tijd over').waitFor();
      assert.equal(await byTestId(p, 'timer-sound').isChecked(), false, 'sound is off by default');
    }
    // The countdown moves (without a new message from the server).
    const first = seconds(await byTestId(pa, 'timer-clock').innerText());
    await clockBetween(pa, 0, first - 1);
    await h.shoot(fac, '71-timer-running-facilitator');
    await h.shoot(pa, '72-timer-running-participant');
  });

  await t.test('pause: all three show the same remaining time, paused', async () => {
    await byTestId(fac, 'timer-pause').click();
    for (const p of [fac, pa, pb]) {
      await phase(p, 'paused');
      await byTestId(p, 'timer-phase').getByText('gepauzeerd').waitFor();
    }
    const texts = await Promise.all([fac, pa, pb].map((p) => byTestId(p, 'timer-clock').innerText()));
    assert.equal(new Set(texts).size, 1, `same paused time everywhere: ${texts}`);
    pausedAt = seconds(texts[0]);
    assert.ok(pausedAt >= 280 && pausedAt <= 300, `paused at ${texts[0]}`);
    await byTestId(fac, 'timer-resume').waitFor();
    await h.shoot(fac, '73-timer-paused-facilitator');
    await h.shoot(pa, '74-timer-paused-participant');
  });

  await t.test('+1 min while paused adds exactly a minute; resume counts down again', async () => {
    await byTestId(fac, 'timer-add-1').click();
    const want = `${Math.floor((pausedAt + 60) / 60)}:${String((pausedAt + 60) % 60).padStart(2, '0')}`;
    for (const p of [fac, pa, pb]) await byTestId(p, 'timer-clock').getByText(want, { exact: true }).waitFor();
    for (const p of [fac, pa, pb]) await phase(p, 'paused');
    await byTestId(fac, 'timer-resume').click();
    for (const p of [fac, pa, pb]) {
      await phase(p, 'running');
      await clockBetween(p, pausedAt + 60 - 10, pausedAt + 60);
    }
    // +5 min while running.
    await byTestId(fac, 'timer-add-5').click();
    for (const p of [fac, pa, pb]) await clockBetween(p, pausedAt + 360 - 15, pausedAt + 360);
  });

  await t.test('English labels', async () => {
    await byTestId(pb, 'lang-en').click();
    await byTestId(pb, 'timer-phase').getByText('left').waitFor();
    await byTestId(fac, 'timer-pause').click();
    await byTestId(pb, 'timer-phase').getByText('paused').waitFor();
    await h.shoot(pb, '75-timer-paused-english');
    await byTestId(pb, 'lang-nl').click();
    await byTestId(fac, 'timer-resume').click();
    await phase(pb, 'running');
  });

  await t.test('the sound toggle is remembered', async () => {
    await byTestId(pa, 'timer-sound').check();
    await pa.reload();
    await phase(pa, 'running');
    assert.equal(await byTestId(pa, 'timer-sound').isChecked(), true);
  });

  await t.test('the next step clears the timer; its own timebox is offered', async () => {
    await byTestId(fac, 'next-step').click();
    for (const p of [fac, pa, pb]) {
      await p.locator('[data-testid="step-card"][data-step="2"]').waitFor();
      await byTestId(p, 'timer').waitFor({ state: 'detached' });
    }
    await byTestId(fac, 'timer-start').getByText('Start timer (10 min)').click();
    for (const p of [fac, pa, pb]) await clockBetween(p, 590, 600);
  });

  await t.test('no errors or CSP violations in any page', async () => {
    assert.deepEqual(h.problems, []);
  });
});
