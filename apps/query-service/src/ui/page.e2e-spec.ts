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

const availableBecomes = (seatType: string, expected: number) =>
  eventually(async () => expect(await available(seatType)).toBe(expected), { timeoutMs: 15_000, intervalMs: 100 });

const reserve = async (quantity: string) => {
  await page.getByLabel('Seat type').selectOption('general');
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
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([queries, history?.commands].map((service) => service?.stop()));
  await deleteTopics(history ? [history.topic] : []);
}, 60_000);

describe('the web page (Chromium)', () => {
  it('signs in at the provider, shows availability live, reserves, cancels, and explains a refusal', async () => {
    await page.goto(queries.url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The provider's own login page, then back to the page with a code.
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(devPassword('admin'));
    await page.locator('button[type="submit"]').click();
    await eventually(async () => expect(await page.locator('#who').textContent()).toBe('Signed in as admin'));
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
});
