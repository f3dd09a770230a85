import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { appsApi } from '../apps/apps-api.ts';

export /** A chart picked from the catalogue when the address names none. */
function ChartSearch({ onPick }: { onPick: (address: URLSearchParams) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const charts = useQuery({
    queryKey: ['apps', 'charts', 'pick', q],
    queryFn: () => appsApi.charts({ q, limit: 50, sort: 'name' }),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      style={{ width: 360 }}
      placeholder={t('helmActions.chartPick')}
      aria-label={t('helmActions.chartPick')}
      loading={charts.isFetching}
      options={(charts.data?.items ?? []).map((item) => ({
        value: `${item.repository}/${item.chart}`,
        label: `${item.repository}/${item.chart} ${item.version}`,
      }))}
      onChange={(value: string) => {
        const [repository = '', chart = ''] = value.split('/');
        onPick(new URLSearchParams({ repository, chart }));
      }}
    />
  );
}
