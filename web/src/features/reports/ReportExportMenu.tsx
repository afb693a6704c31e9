// "Exportar" on a report: the report on screen as CSV, XLSX or PDF, with the filters it
// shows, through the shared export menu (the server's /reports/<name>/export).
import type { Query } from '../../shared/api/client';
import { ExportMenu } from '../../shared/components/ExportMenu';
import type { ReportFilters } from './api';
import { hasRight } from '../../shared/rights';
import { useMe } from '../../shared/session';

export type ReportTab = 'unattended' | 'actions' | 'team' | 'automatic';

/** The file's name before the server names it (the server's pt-BR name). */
const FILE_NAMES: Record<ReportTab, string> = {
  unattended: 'sem-atendimento',
  actions: 'acoes-crm',
  team: 'desempenho-equipe',
  automatic: 'follow-ups-automaticos',
};

/** The report's filters as its export's query parameters (the report's own names). */
export function reportExportFilters(tab: ReportTab, f: ReportFilters): Query {
  const person = tab === 'actions' ? 'user_id' : 'owner_id';
  return { branch_id: f.branch_id, [person]: f.user_id, from: f.from, to: f.to };
}

export function ReportExportMenu({ tab, filters }: { tab: ReportTab; filters: ReportFilters }) {
  const me = useMe();
  if (!hasRight(me, 'export')) return null;
  return (
    <ExportMenu
      path={`/reports/${tab}/export`}
      filters={reportExportFilters(tab, filters)}
      fileName={FILE_NAMES[tab]}
    />
  );
}
