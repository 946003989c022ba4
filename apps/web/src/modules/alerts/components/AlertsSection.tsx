import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../../app/NotFoundPage';
import { AlertsPage } from './AlertsPage';
import { IncidentPage } from './IncidentPage';
import '../alerts.css';

/** /alerts (the list), /alerts/insights (recurring questions and suggestions), /alerts/:alertId (the incident view). */
export function AlertsSection() {
  return (
    <Routes>
      <Route index element={<AlertsPage tab="alerts" />} />
      <Route path="insights" element={<AlertsPage tab="insights" />} />
      <Route path=":alertId" element={<IncidentPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
