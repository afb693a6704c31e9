// A page that takes a named right (ADR 0040): without it the user reads which right is
// missing instead of a screen whose every button the server would refuse.
import type { ReactNode } from 'react';
import type { RightName } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { hasRight } from '../rights';
import { useMe } from '../session';
import { Notice } from './Notice';
import { PageHeader } from './PageHeader';

export function RightGuard({ right, children }: { right: RightName; children: ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  if (hasRight(me, right)) return <>{children}</>;
  return (
    <>
      <PageHeader title={t('rights.pageRefused')} />
      <Notice kind="error">{t('rights.missingRight', { right: t(`right.${right}`) })}</Notice>
    </>
  );
}
