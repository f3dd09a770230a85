import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, theme as antTheme, ConfigProvider } from 'antd';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { overviewPageLoader, startFirstLoad } from '../features/overview/first-load.ts';
import { podsPageLoader, startPodsFirstLoad } from '../features/pods/first-load.ts';
import { I18nProvider } from './i18n.tsx';
import { Loading } from './Loading.tsx';
import { antdLocaleOf } from './locale-loading.ts';
import { PageBackground } from './PageBackground.tsx';
import { RequireSession } from './RequireSession.tsx';
import { Shell } from './Shell.tsx';
import { SettingsProvider, useSettings } from './settings.tsx';

// Each page is its own chunk: the first route loads only what it shows.
const SignInPage = lazy(() => import('../features/sign-in/SignInPage.tsx'));
const OverviewPage = lazy(overviewPageLoader);
const ClustersPage = lazy(() => import('../features/clusters/ClustersPage.tsx'));
const ClusterDetailPage = lazy(() => import('../features/cluster/ClusterDetailPage.tsx'));
const PodsPage = lazy(podsPageLoader);
const PodDetailPage = lazy(() => import('../features/pods/PodDetailPage.tsx'));
const SearchPage = lazy(() => import('../features/search/SearchPage.tsx'));
const PeoplePage = lazy(() => import('../features/people/PeoplePage.tsx'));
const AccountPage = lazy(() => import('../features/account/AccountPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const TerminalHistoryPage = lazy(() => import('../features/terminals/TerminalHistoryPage.tsx'));
const CreateWorkloadPage = lazy(() => import('../features/create/CreateWorkloadPage.tsx'));
const CreateYamlPage = lazy(() => import('../features/create/CreateYamlPage.tsx'));
const EditObjectPage = lazy(() => import('../features/create/EditObjectPage.tsx'));
const WorkloadsPage = lazy(() => import('../features/workloads/WorkloadsPage.tsx'));
const WorkloadDetailPage = lazy(() => import('../features/workloads/WorkloadDetailPage.tsx'));
const ReleasesPage = lazy(() => import('../features/releases/ReleasesPage.tsx'));
const ReleaseDetailPage = lazy(() => import('../features/releases/ReleaseDetailPage.tsx'));
const CataloguePage = lazy(() => import('../features/apps/CataloguePage.tsx'));
const ChartPage = lazy(() => import('../features/apps/ChartPage.tsx'));
const RepositoriesPage = lazy(() => import('../features/apps/RepositoriesPage.tsx'));
const OperationsPage = lazy(() => import('../features/jobs/OperationsPage.tsx'));
const JobPage = lazy(() => import('../features/jobs/JobPage.tsx'));
const InstallPage = lazy(() => import('../features/helm-actions/InstallPage.tsx'));
const PropagationsPage = lazy(() => import('../features/propagations/PropagationsPage.tsx'));
const PropagationEditPage = lazy(() => import('../features/propagations/PropagationEditPage.tsx'));
const PropagationDetailPage = lazy(() => import('../features/propagations/PropagationDetailPage.tsx'));
const MultiClusterServicesPage = lazy(
  () => import('../features/multicluster-services/MultiClusterServicesPage.tsx'),
);
const AlertingPage = lazy(() => import('../features/alerting/AlertingPage.tsx'));
const InspectionsPage = lazy(() => import('../features/inspections/InspectionsPage.tsx'));
const InspectionReportPage = lazy(() => import('../features/inspections/InspectionReportPage.tsx'));
const MonitoringPage = lazy(() => import('../features/monitoring/MonitoringPage.tsx'));
const BackupsPage = lazy(() => import('../features/backups/BackupsPage.tsx'));
const BackupPage = lazy(() => import('../features/backups/BackupPage.tsx'));
const RestoreWizard = lazy(() => import('../features/backups/RestoreWizard.tsx'));
const RestorePage = lazy(() => import('../features/backups/RestorePage.tsx'));
const ManagedClustersPage = lazy(() => import('../features/lifecycle/ManagedClustersPage.tsx'));
const CreateClusterPage = lazy(() => import('../features/lifecycle/CreateClusterPage.tsx'));
const ClusterLifecyclePage = lazy(() => import('../features/lifecycle/ClusterLifecyclePage.tsx'));
const LifecycleOperationPage = lazy(() => import('../features/lifecycle/OperationPage.tsx'));
const NotFoundPage = lazy(() => import('./NotFoundPage.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a dropped connection may.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
      staleTime: 5_000,
    },
  },
});
startFirstLoad(queryClient, window.location.pathname);
startPodsFirstLoad(queryClient, window.location);

function Themed() {
  const { locale, theme } = useSettings();
  return (
    <ConfigProvider
      locale={antdLocaleOf(locale)}
      componentSize="small"
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm:
          theme === 'dark' ? [antTheme.darkAlgorithm, antTheme.compactAlgorithm] : antTheme.compactAlgorithm,
        token: { colorPrimary: '#1f6feb', borderRadius: 4 },
      }}
    >
      <PageBackground />
      <AntApp>
        <I18nProvider locale={locale}>
          <BrowserRouter>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/sign-in" element={<SignInPage />} />
                <Route
                  element={
                    <RequireSession>
                      <Shell />
                    </RequireSession>
                  }
                >
                  <Route index element={<OverviewPage />} />
                  <Route path="clusters" element={<ClustersPage />} />
                  <Route path="clusters/:cluster/:tab?" element={<ClusterDetailPage />} />
                  <Route path="pods" element={<PodsPage />} />
                  <Route path="clusters/:cluster/pods/:namespace/:name" element={<PodDetailPage />} />
                  <Route path="search" element={<SearchPage />} />
                  <Route path="people" element={<PeoplePage />} />
                  <Route path="account" element={<AccountPage />} />
                  <Route path="audit" element={<AuditPage />} />
                  <Route path="terminals" element={<TerminalHistoryPage />} />
                  <Route path="create/workload" element={<CreateWorkloadPage />} />
                  <Route path="create/yaml" element={<CreateYamlPage />} />
                  <Route path="clusters/:cluster/edit" element={<EditObjectPage />} />
                  <Route path="workloads" element={<WorkloadsPage />} />
                  <Route
                    path="clusters/:cluster/workloads/:kind/:namespace/:name"
                    element={<WorkloadDetailPage />}
                  />
                  <Route path="releases" element={<ReleasesPage />} />
                  <Route path="apps" element={<CataloguePage />} />
                  <Route path="apps/charts/:repository/:chart" element={<ChartPage />} />
                  <Route path="apps/repositories" element={<RepositoriesPage />} />
                  <Route path="apps/install" element={<InstallPage />} />
                  <Route path="clusters/:cluster/releases/:namespace/:name" element={<ReleaseDetailPage />} />
                  <Route path="operations" element={<OperationsPage />} />
                  <Route path="operations/:id" element={<JobPage />} />
                  <Route path="propagations" element={<PropagationsPage />} />
                  <Route path="propagations/new" element={<PropagationEditPage />} />
                  <Route path="propagations/:name" element={<PropagationDetailPage />} />
                  <Route path="propagations/:name/edit" element={<PropagationEditPage />} />
                  <Route path="multicluster-services" element={<MultiClusterServicesPage />} />
                  <Route path="alerts/:tab?" element={<AlertingPage />} />
                  <Route path="inspections" element={<InspectionsPage />} />
                  <Route path="inspections/runs/:id" element={<InspectionReportPage />} />
                  <Route path="monitoring" element={<MonitoringPage />} />
                  <Route path="backups/:tab?" element={<BackupsPage />} />
                  <Route path="backups/runs/:id" element={<BackupPage />} />
                  <Route path="backups/restore" element={<RestoreWizard />} />
                  <Route path="backups/restores/:id" element={<RestorePage />} />
                  <Route path="lifecycle" element={<ManagedClustersPage />} />
                  <Route path="lifecycle/new" element={<CreateClusterPage />} />
                  <Route path="lifecycle/clusters/:name" element={<ClusterLifecyclePage />} />
                  <Route path="lifecycle/operations/:id" element={<LifecycleOperationPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </I18nProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SettingsProvider>
        <Themed />
      </SettingsProvider>
    </QueryClientProvider>
  );
}
