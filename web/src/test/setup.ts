import { afterEach, expect, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { invalidateTables } from '../shared/hooks/useTables';
import { forgetDocumentRefs } from '../shared/components/OriginBadge';
import { onUnauthorized, setCsrfToken } from '../shared/api/client';
import { setBrowserLanguages } from './browser';
import { contractViolations } from './fakeApi';

// The suite shares two cores with the server's tests in CI: what a test waits for may take
// longer than the library's one second to appear there. A wait for what never appears
// still fails, only later.
configure({ asyncUtilTimeout: 4000 });

// The tests read the app in pt-BR unless they choose otherwise: the browser of a
// Brazilian user (the app follows the browser's language until the user picks one).
setBrowserLanguages(['pt-BR', 'pt']);

afterEach(() => {
  const violations = contractViolations();
  cleanup();
  setBrowserLanguages(['pt-BR', 'pt']);
  invalidateTables();
  forgetDocumentRefs();
  onUnauthorized(null);
  setCsrfToken('');
  vi.unstubAllGlobals();
  localStorage.clear();
  document.cookie.split(';').forEach((c) => {
    const name = c.split('=')[0].trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  });
  expect(violations, 'the fake API answered what the server never would (src/http/openapi/)').toEqual([]);
});
