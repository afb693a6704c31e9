import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Locale, Me } from '../shared/api/types';
import { I18nProvider } from '../shared/i18n/i18n';
import { navigate } from '../shared/router';
import { SessionProvider } from '../shared/session';

/** Renders `ui` at `path` with the providers of the app; `me` undefined = load /me. */
export function renderWith(ui: ReactElement, opts: { path?: string; me?: Me | null; locale?: Locale } = {}) {
  navigate(opts.path ?? '/', { replace: true });
  return render(
    <I18nProvider locale={opts.locale}>
      <SessionProvider initial={opts.me}>{ui}</SessionProvider>
    </I18nProvider>,
  );
}
