// "Consultar variáveis" (manual 003): every variable a proposal or visit-sheet layout may
// write, named in the user's language, with an example value in that language.
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import { proposalApi } from './proposalApi';

export function VariablesList() {
  const { t, locale } = useI18n();
  const list = useAsync(() => proposalApi.variables(), [locale]);
  if (list.error) return <p className="field-error">{errorMessage(list.error, t)}</p>;
  return (
    <table className="grid proposal-variables" aria-label={t('proposals.variables')}>
      <thead>
        <tr>
          <th>{t('proposals.variable')}</th>
          <th>{t('proposals.example')}</th>
        </tr>
      </thead>
      <tbody>
        {(list.data ?? []).map((v) => (
          <tr key={v.canonical}>
            <td>
              <code>{v.token}</code>
            </td>
            <td>{v.html ? t('proposals.itemsTable') : v.example}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
