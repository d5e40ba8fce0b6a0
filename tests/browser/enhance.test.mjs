// Runs the documented enhanceResume example in headless Chromium, on the
// origin of a running server (BASE_URL), with a real DOCX from the corpus.
// The account, subscription and job are prepared over the API first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const adminEmail = process.env.ADMIN_EMAIL;
const adminPassword = process.env.ADMIN_PASSWORD;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function api(method, route, { token, body } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

async function prepare() {
  const admin = await api('POST', '/api/auth/login/', {
    body: { email: adminEmail, password: adminPassword },
  });
  const posting = JSON.parse(
    await readFile(path.join(here, '../corpus/jobs/senior-backend-engineer.json'), 'utf8'),
  );
  const job = await api('POST', '/api/jobs/', { token: admin.access_token, body: posting });

  const email = `browser-${Date.now()}@example.com`;
  const password = 'browser-test-password';
  const user = await api('POST', '/api/auth/register/', {
    body: { email, password, full_name: 'Browser Test' },
  });
  await api('PUT', `/api/admin/users/${user.id}/subscription/`, {
    token: admin.access_token,
    body: { tier: 'standard', expires_at: null },
  });
  const session = await api('POST', '/api/auth/login/', { body: { email, password } });
  return { jobId: job.id, token: session.access_token };
}

test('the documented enhanceResume example gets the enhanced resume in Chromium', async () => {
  assert.ok(adminEmail && adminPassword, 'ADMIN_EMAIL and ADMIN_PASSWORD must be set');
  const { jobId, token } = await prepare();
  const example = await readFile(path.join(here, 'example.js'), 'utf8');
  const resume = await readFile(
    path.join(here, '../corpus/resumes/marcus-adeyemi/marcus-adeyemi.docx'),
  );

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // Any page of the server puts the script on the API's origin, so the
    // example's relative URL reaches the API with no CORS involved.
    await page.goto(`${baseUrl}/docs`);
    await page.addScriptTag({
      content: `
        const token = ${JSON.stringify(token)};
        const displayEnhancedResume = (resume) => {
          const shown = document.createElement('pre');
          shown.id = 'enhanced';
          shown.textContent = JSON.stringify(resume);
          document.body.appendChild(shown);
        };`,
    });
    await page.addScriptTag({ content: example });

    const enhanced = await page.evaluate(
      async ({ jobId, bytes }) => {
        const file = new File([new Uint8Array(bytes)], 'marcus-adeyemi.docx', {
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        });
        return enhanceResume(jobId, file);
      },
      { jobId, bytes: [...resume] },
    );

    assert.equal(typeof enhanced.id, 'number');
    assert.equal(enhanced.full_name, 'Marcus Adeyemi');
    assert.equal(enhanced.email, 'marcus.adeyemi@example.com');
    assert.ok(Array.isArray(enhanced.skills.technical), JSON.stringify(enhanced.skills));
    assert.ok(enhanced.experience.length > 0);

    const shown = JSON.parse(await page.textContent('#enhanced'));
    assert.equal(shown.id, enhanced.id, 'displayEnhancedResume was not given the resume');
    assert.deepEqual(pageErrors, []);
  } finally {
    await browser.close();
  }
});
