/**
 * PropertiesService.getDocumentProperties() may return null (reference): reads fall back to the
 * defaults with a problem line, writes refuse with a message a person can act on, never a TypeError.
 */
import { isUserError } from '../../../src/core/user-error';
import { NO_DOCUMENT_STORE } from '../../../src/sheets/document-store';
import { loadSettings, saveSettings } from '../../../src/sheets/settings';

type G = { PropertiesService?: unknown };
const g = globalThis as G;

function withService(service: unknown, body: () => void): void {
  const saved = g.PropertiesService;
  g.PropertiesService = service;
  try {
    body();
  } finally {
    g.PropertiesService = saved;
  }
}

test.each([
  ['returns null', { getDocumentProperties: () => null }],
  [
    'throws',
    {
      getDocumentProperties: () => {
        throw new Error('refused');
      },
    },
  ],
])('when getDocumentProperties %s: defaults on read, a clear UserError on write', (_how, service) => {
  withService(service, () => {
    const loaded = loadSettings();
    expect(loaded.settings).toEqual({});
    expect(loaded.problems).toEqual([
      'Saved settings are not available here (no document properties); using defaults.',
    ]);
    let error: unknown;
    try {
      saveSettings({ sheetName: 'Pipeline' });
    } catch (e) {
      error = e;
    }
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe(NO_DOCUMENT_STORE);
  });
});
