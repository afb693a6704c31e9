import { describe, expect, it } from 'vitest';
import { exportUrl } from '../../shared/components/ExportMenu';
import { reportExportFilters } from './ReportExportMenu';

describe('report exports', () => {
  it('asks each report for its own filters, empty ones left out', () => {
    expect(
      exportUrl(
        '/reports/unattended/export',
        reportExportFilters('unattended', { branch_id: '2', user_id: '7' }),
        'csv',
      ),
    ).toBe('/api/v1/reports/unattended/export?format=csv&branch_id=2&owner_id=7');
    expect(
      exportUrl(
        '/reports/actions/export',
        reportExportFilters('actions', { user_id: '7', from: '2026-03-02', to: '2026-03-08' }),
        'pdf',
      ),
    ).toBe('/api/v1/reports/actions/export?format=pdf&user_id=7&from=2026-03-02&to=2026-03-08');
  });
});

describe('team and automatic exports', () => {
  it('name the agent as the report does (owner_id)', () => {
    expect(
      exportUrl('/reports/team/export', reportExportFilters('team', { user_id: '7', from: '2026-03-01' }), 'xlsx'),
    ).toBe('/api/v1/reports/team/export?format=xlsx&owner_id=7&from=2026-03-01');
    expect(exportUrl('/reports/automatic/export', reportExportFilters('automatic', { branch_id: '2' }), 'pdf')).toBe(
      '/api/v1/reports/automatic/export?format=pdf&branch_id=2',
    );
  });
});
