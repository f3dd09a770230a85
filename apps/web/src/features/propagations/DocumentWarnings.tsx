import { Alert } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { warningTexts } from './propagation-text.ts';

/** What in a document will not do what it seems to (a preview's warnings), in the reader's language. */
export function DocumentWarnings({ answer }: { answer: Parameters<typeof warningTexts>[1] }) {
  const words = useI18n();
  const texts = warningTexts(words, answer);
  if (!texts.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={words.t('propagations.preview.warnings', { count: texts.length })}
      data-testid="propagation-warnings"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {texts.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      }
    />
  );
}
