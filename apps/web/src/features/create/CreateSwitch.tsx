import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';

/** Between the two ways to create, keeping the chosen cluster and namespace. */
export function CreateSwitch() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <Segmented
      value={location.pathname}
      onChange={(path) => navigate(`${path}${location.search}`)}
      options={[
        { value: '/create/workload', label: t('create.fromForm') },
        { value: '/create/yaml', label: t('create.fromYaml') },
      ]}
    />
  );
}
