// The attendance types' configurator as a page of its own, for users granted
// configure_attendance who are not admins (admins find it in the administration).
import { PageHeader } from '../../shared/components/PageHeader';
import { useI18n } from '../../shared/i18n/i18n';
import { AttendanceTypesAdmin } from './AttendanceTypesAdmin';

export function AttendanceTypesPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('attendance.types')} />
      <AttendanceTypesAdmin />
    </>
  );
}
