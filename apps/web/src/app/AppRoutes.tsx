import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../modules/auth/components/LoginPage';
import { DEFAULT_PAGE } from '../modules/auth/default-page';
import { RequireAuth } from '../modules/auth/components/RequireAuth';
import { InboxPage } from '../modules/inbox/components/InboxPage';
import { ApprovalsPage } from '../modules/approvals/components/ApprovalsPage';
import { AnalyticsPage } from '../modules/analytics/components/AnalyticsPage';
import { AlertsSection } from '../modules/alerts/components/AlertsSection';
import { ReportsPage } from '../modules/reports/components/ReportsPage';
import { ReportPrintPage } from '../modules/reports/components/ReportPrintPage';
import { ReportSettingsPage } from '../modules/settings/components/ReportSettingsPage';
import { RootCausesPage } from '../modules/root-causes/components/RootCausesPage';
import { SharedBoardPage } from '../modules/root-causes/components/SharedBoardPage';
import { SettingsLayout } from '../modules/settings/components/SettingsLayout';
import { WorkspaceSettingsPage } from '../modules/settings/components/WorkspaceSettingsPage';
import { UsersPage } from '../modules/users/components/UsersPage';
import { SourcesPage } from '../modules/sources/components/SourcesPage';
import { ListeningPage } from '../modules/listening/components/ListeningPage';
import { SettingsIndex } from '../modules/settings/components/SettingsIndex';
import { TemplatesPage } from '../modules/templates/components/TemplatesPage';
import { VoiceGuidePage } from '../modules/voice/components/VoiceGuidePage';
import { LearningPage } from '../modules/learning/components/LearningPage';
import { ProfilePage } from '../modules/profile/components/ProfilePage';
import { RealtimeProvider } from '../shared/realtime/RealtimeProvider';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { RequireAccess } from './RequireAccess';

/** Every page of the dashboard. Each page checks its own area, so a typed-in URL is guarded too. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* Owners through an expiring share link: no session, no navigation, nothing else of the desk. */}
      <Route path="/share/root-causes/:token" element={<SharedBoardPage />} />
      {/* A weekly report as one printable A4 page: signed in, without the app's header and navigation. */}
      <Route
        path="/reports/:id/print"
        element={
          <RequireAuth>
            <RequireAccess area="reports">
              <ReportPrintPage />
            </RequireAccess>
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            {/* One socket for the signed-in dashboard: the pages and the alert banner listen on it. */}
            <RealtimeProvider>
              <AppLayout />
            </RealtimeProvider>
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to={DEFAULT_PAGE} replace />} />
        <Route
          path="inbox/*"
          element={
            <RequireAccess area="inbox">
              <InboxPage />
            </RequireAccess>
          }
        />
        <Route
          path="approvals"
          element={
            <RequireAccess area="approvals">
              <ApprovalsPage />
            </RequireAccess>
          }
        />
        <Route
          path="analytics"
          element={
            <RequireAccess area="analytics">
              <AnalyticsPage />
            </RequireAccess>
          }
        />
        <Route
          path="alerts/*"
          element={
            <RequireAccess area="alerts">
              <AlertsSection />
            </RequireAccess>
          }
        />
        <Route
          path="root-causes/*"
          element={
            <RequireAccess area="rootCauses">
              <RootCausesPage />
            </RequireAccess>
          }
        />
        <Route
          path="reports/*"
          element={
            <RequireAccess area="reports">
              <ReportsPage />
            </RequireAccess>
          }
        />
        <Route
          path="settings"
          element={
            <RequireAccess area="settings">
              <SettingsLayout />
            </RequireAccess>
          }
        >
          <Route index element={<SettingsIndex />} />
          <Route
            path="workspace"
            element={
              <RequireAccess area="workspace">
                <WorkspaceSettingsPage />
              </RequireAccess>
            }
          />
          <Route
            path="users"
            element={
              <RequireAccess area="users">
                <UsersPage />
              </RequireAccess>
            }
          />
          <Route
            path="sources"
            element={
              <RequireAccess area="sources">
                <SourcesPage />
              </RequireAccess>
            }
          />
          <Route
            path="listening"
            element={
              <RequireAccess area="listening">
                <ListeningPage />
              </RequireAccess>
            }
          />
          <Route
            path="templates"
            element={
              <RequireAccess area="templates">
                <TemplatesPage />
              </RequireAccess>
            }
          />
          <Route
            path="voice"
            element={
              <RequireAccess area="voice">
                <VoiceGuidePage />
              </RequireAccess>
            }
          />
          <Route
            path="learning"
            element={
              <RequireAccess area="learning">
                <LearningPage />
              </RequireAccess>
            }
          />
          <Route
            path="reports"
            element={
              <RequireAccess area="reportSettings">
                <ReportSettingsPage />
              </RequireAccess>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="profile" element={<ProfilePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
