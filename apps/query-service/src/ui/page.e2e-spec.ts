import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { z } from 'zod';
import { fromEnv, parseEnv } from '#libs/config';
import { devPassword } from '#libs/auth';
import { eventually, REPO_ROOT, type ServiceProcess } from '#libs/testing';
import { deleteTopics, type History, startQueryService, writeHistory } from '../consumer/projection.testing.js';

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

let history: History;
let queries: ServiceProcess;
let browser: Browser;
let page: Page;

const available = (seatType: string) =>
  page.locator(`#availability tr[data-seat-type="${seatType}"] td:last-child`).textContent().then(Number);

/** Waits until the tab shows the conference's availability (its stream has connected). */
const availableOn = (tab: Page) =>
  eventually(async () => expect(await tab.locator('#availability tbody tr').count()).toBeGreaterThan(0));

const availableBecomes = (seatType: string, expected: number) =>
  eventually(async () => expect(await available(seatType)).toBe(expected), { timeoutMs: 15_000, intervalMs: 100 });

/** A browser tab of its own (its own session storage), signed in at the provider's login page as `user`. */
const signedInPage = async (user: string): Promise<Page> => {
  const tab = await (await browser.newContext()).newPage();
  await tab.goto(queries.url);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  // The provider's own login page, then back to the page with a code.
  await tab.locator('input[name="username"]').fill(user);
  await tab.locator('input[name="password"]').fill(devPassword(user));
  await tab.locator('button[type="submit"]').click();
  await eventually(async () => expect(await tab.locator('#who').textContent()).toBe(`Signed in as ${user}`));
  return tab;
};

const messageOf = (tab: Page) =>
  eventually(async () => {
    const text = (await tab.locator('#message').textContent()) ?? '';
    expect(text).not.toBe('');
    return text;
  });

const reserve = async (quantity: string) => {
  await page.getByLabel('Seat type', { exact: true }).selectOption('general');
  await page.getByLabel('Quantity').fill(quantity);
  await page.getByRole('button', { name: 'Reserve' }).click();
};

beforeAll(async () => {
  // Any origin may call this command service: the query service's port is chosen after it starts.
  history = await writeHistory('ui', 1, { env: { CORS_ORIGINS: '*' } });
  ({ service: queries } = await startQueryService(history.topic, {
    env: { COMMAND_SERVICE_URL: history.commands.url },
  }));
  const { conferenceId, version } = history.versions.at(-1)!;
  await fetch(`${queries.url}/conferences/${conferenceId}/availability?minVersion=${version}&waitMs=10000`);
  browser = await chromium.launch({
    executablePath: parseEnv(z.object({ CHROMIUM_PATH: fromEnv.text('/usr/bin/chromium') }), process.env).CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([queries, history?.commands].map((service) => service?.stop()));
  await deleteTopics(history ? [history.topic] : []);
}, 60_000);

describe('the web page (Chromium)', () => {
  it('signs in at the provider, shows availability live, reserves, cancels, and explains a refusal', async () => {
    page = await signedInPage('admin');
    // The history reserved 9 general seats (r-1, r-2, r-4, r-5, r-7, r-8) and cancelled r-2's one: 50 - 8.
    await availableBecomes('general', 42);
    await expect(page.locator('#staleness').textContent()).resolves.toMatch(/version 13/);

    await reserve('2');
    await eventually(async () =>
      expect(await page.locator('#message').textContent()).toMatch(/Reserved 2 × general as/),
    );
    await availableBecomes('general', 40);
    const reservationId = /as (\S+) \(/.exec((await page.locator('#message').textContent()) ?? '')?.[1];

    await page.getByRole('button', { name: `Cancel ${reservationId}` }).click();
    await availableBecomes('general', 42);

    await reserve('1000');
    await eventually(async () => expect(await page.locator('#message').textContent()).toMatch(/42 general available/));
    await reserve('0');
    await expect(page.locator('#message').textContent()).resolves.toMatch(/at least 1/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'web-page.png'), fullPage: true });
  }, 120_000);

  it("shows a buyer its own reservations, and no one else's", async () => {
    const alice = await signedInPage('alice');
    await alice.getByLabel('Seat type', { exact: true }).selectOption('general');
    await alice.getByLabel('Quantity').fill('1');
    await alice.getByRole('button', { name: 'Reserve' }).click();
    const reservationId = /as (\S+) \(/.exec(await messageOf(alice))?.[1];
    await eventually(async () => expect(await alice.locator('#reservations').textContent()).toContain(reservationId));

    const bob = await signedInPage('bob');
    await availableOn(bob);
    expect(await bob.locator('#reservations').textContent()).not.toContain(reservationId);
    // Even sent by hand with bob's token, the cancel is refused.
    const refused = await bob.evaluate(
      async ([url, path]) =>
        (
          await fetch(`${url}${path}`, {
            method: 'DELETE',
            headers: {
              authorization: `Bearer ${(globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('token')}`,
            },
          })
        ).status,
      [history.commands.url, `/conferences/${history.versions[0]!.conferenceId}/reservations/${reservationId}`],
    );
    expect(refused).toBe(403);
  }, 120_000);

  it('lets an organizer create a conference, change its capacity, and look at it as it was', async () => {
    const olivia = await signedInPage('olivia');
    await olivia.getByLabel('New conference name').fill("Olivia's conference");
    await olivia.getByLabel('Its seats').fill('100');
    await olivia.getByRole('button', { name: 'Create conference' }).click();
    expect(await messageOf(olivia)).toMatch(/^Created \S+ \(version 1\)/);
    await eventually(async () =>
      expect(await olivia.locator('#conference option:checked').textContent()).toBe("Olivia's conference"),
    );

    await olivia.locator('#message').evaluate((element) => (element.textContent = ''));
    await olivia.getByLabel('Seats to add (negative: remove)').fill('10');
    await olivia.getByRole('button', { name: 'Change capacity' }).click();
    expect(await messageOf(olivia)).toMatch(/Capacity changed \(version 2\)/);

    await olivia.getByRole('button', { name: 'Show audit trail' }).click();
    const capacityShown = () => olivia.locator('#past tr[data-seat-type="general"] td:nth-child(2)').textContent();
    await eventually(async () => expect(await capacityShown()).toBe('110'));
    expect(await olivia.locator('#events li').allTextContents()).toEqual([
      expect.stringMatching(/^v1 ConferenceCreated by olivia/),
      expect.stringMatching(/^v2 SeatsAdded by olivia/),
    ]);
    await olivia.locator('#as-of').fill('1');
    await eventually(async () => expect(await capacityShown()).toBe('100'));
    expect(await olivia.locator('#as-of-version').textContent()).toBe('1');
    await olivia.screenshot({ path: join(ARTIFACTS, 'organizer-view.png'), fullPage: true });
  }, 120_000);
});
