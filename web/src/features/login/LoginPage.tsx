// Sign-in: login and password, the language of the screen, the server's message on a
// wrong password or too many attempts. The return alert (manual 001) follows a login.
import { useState, type FormEvent } from 'react';
import { useI18n, LOCALES, isLocale } from '../../shared/i18n/i18n';
import { useSession } from '../../shared/session';
import { TextField, SelectField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { ApiError, setApiLanguage } from '../../shared/api/client';

export function safeNext(next: string | null): string {
  // Only paths of this app: never "//host" or a full URL.
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/agenda';
  return next;
}

export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const { login } = useSession();
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [missing, setMissing] = useState<{ login?: string; password?: string }>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const m: typeof missing = {};
    if (!loginName.trim()) m.login = t('validation.required');
    if (!password) m.password = t('validation.required');
    setMissing(m);
    if (m.login || m.password) return;
    setBusy(true);
    setError('');
    try {
      setApiLanguage(locale);
      // The shell then leaves /login for the page in `next`.
      await login(loginName.trim(), password);
    } catch (err) {
      // Throttled: say how long to wait, so the user does not retry blindly.
      if (err instanceof ApiError && err.code === 'rate_limited' && err.retryAfter)
        setError(t('login.retryIn', { seconds: String(err.retryAfter) }));
      else setError(errorMessage(err, t));
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login-page">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">R</span> Retorno
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <TextField
          label={t('login.login')}
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={loginName}
          onChange={(e) => setLoginName(e.target.value)}
          error={missing.login}
          required
          autoFocus
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={missing.password}
          required
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
        <SelectField
          label={t('common.language')}
          className="login-lang"
          value={locale}
          onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </SelectField>
      </form>
    </main>
  );
}
