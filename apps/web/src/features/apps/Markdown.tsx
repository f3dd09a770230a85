import { Typography, theme } from 'antd';
import { marked, type Token, type Tokens } from 'marked';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';

/**
 * A chart's README rendered from marked's tokens to React elements: text is always text, so no
 * HTML, script or style from the chart reaches the page. Raw HTML is left out, links go only to
 * http(s) and mail addresses, and images are not loaded (a README's image would tell its host who
 * looked): their alt text shows instead.
 */
export function Markdown({ source }: { source: string }) {
  const { token } = theme.useToken();
  const { t } = useI18n();
  const tokens = marked.lexer(source, { gfm: true });
  const code = {
    background: token.colorFillTertiary,
    borderRadius: token.borderRadiusSM,
    fontFamily: token.fontFamilyCode,
  };

  const inline = (list: Token[] | undefined, key = ''): ReactNode[] =>
    (list ?? []).map((item, index) => inlineOne(item, `${key}${index}`));

  const inlineOne = (item: Token, key: string): ReactNode => {
    switch (item.type) {
      case 'text':
        return 'tokens' in item && item.tokens ? (
          <span key={key}>{inline(item.tokens, key)}</span>
        ) : (
          <span key={key}>{decode(item.text)}</span>
        );
      case 'escape':
        return <span key={key}>{decode(item.text)}</span>;
      case 'strong':
        return <strong key={key}>{inline(item.tokens, key)}</strong>;
      case 'em':
        return <em key={key}>{inline(item.tokens, key)}</em>;
      case 'del':
        return <del key={key}>{inline(item.tokens, key)}</del>;
      case 'codespan':
        return (
          <code key={key} style={{ ...code, padding: '0 4px' }}>
            {decode(item.text)}
          </code>
        );
      case 'br':
        return <br key={key} />;
      case 'link': {
        const link = item as Tokens.Link;
        return safeHref(link.href) ? (
          <a key={key} href={link.href} target="_blank" rel="noopener noreferrer nofollow">
            {inline(link.tokens, key)}
          </a>
        ) : (
          <span key={key}>{inline(link.tokens, key)}</span>
        );
      }
      case 'image':
        return item.text ? (
          <Typography.Text key={key} type="secondary">
            [{t('apps.chart.image', { alt: decode(item.text) })}]
          </Typography.Text>
        ) : null;
      default:
        // Raw HTML (and anything unknown) is not shown.
        return null;
    }
  };

  const block = (item: Token, key: string): ReactNode => {
    switch (item.type) {
      case 'heading': {
        const level = Math.min(5, (item as Tokens.Heading).depth) as 1 | 2 | 3 | 4 | 5;
        return (
          <Typography.Title key={key} level={level}>
            {inline(item.tokens, key)}
          </Typography.Title>
        );
      }
      case 'paragraph':
        return <Typography.Paragraph key={key}>{inline(item.tokens, key)}</Typography.Paragraph>;
      case 'text':
        return <Typography.Paragraph key={key}>{inlineOne(item, key)}</Typography.Paragraph>;
      case 'code':
        return (
          <pre key={key} style={{ ...code, padding: 12, overflowX: 'auto', fontSize: token.fontSizeSM }}>
            <code>{item.text}</code>
          </pre>
        );
      case 'blockquote':
        return (
          <blockquote
            key={key}
            style={{
              margin: '0 0 12px',
              paddingInlineStart: 12,
              borderInlineStart: `3px solid ${token.colorBorder}`,
              color: token.colorTextSecondary,
            }}
          >
            {(item as Tokens.Blockquote).tokens.map((child, index) => block(child, `${key}.${index}`))}
          </blockquote>
        );
      case 'list': {
        const list = item as Tokens.List;
        const items = keyed(list.items, key).map(({ item: entry, key: itemKey }) => (
          <li key={itemKey}>
            {entry.task && <input type="checkbox" checked={entry.checked ?? false} readOnly disabled />}{' '}
            {keyed(entry.tokens, itemKey).map(({ item: child, key: childKey }) =>
              child.type === 'text' ? inlineOne(child, childKey) : block(child, childKey),
            )}
          </li>
        ));
        return list.ordered ? (
          <ol key={key} start={typeof list.start === 'number' ? list.start : undefined}>
            {items}
          </ol>
        ) : (
          <ul key={key}>{items}</ul>
        );
      }
      case 'table': {
        const table = item as Tokens.Table;
        const cell = { border: `1px solid ${token.colorBorderSecondary}`, padding: '4px 8px' };
        return (
          <div key={key} style={{ overflowX: 'auto', marginBottom: 12 }}>
            <table style={{ borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  {keyed(table.header, `${key}.h`).map(({ item: head, key: headKey }) => (
                    <th key={headKey} style={{ ...cell, background: token.colorFillQuaternary }}>
                      {inline(head.tokens, headKey)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {keyed(table.rows, `${key}.r`).map(({ item: row, key: rowKey }) => (
                  <tr key={rowKey}>
                    {keyed(row, rowKey).map(({ item: entry, key: cellKey }) => (
                      <td key={cellKey} style={cell}>
                        {inline(entry.tokens, cellKey)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      }
      case 'hr':
        return <hr key={key} style={{ border: 0, borderTop: `1px solid ${token.colorBorderSecondary}` }} />;
      default:
        // `space`, and raw HTML blocks, which are not shown.
        return null;
    }
  };

  return <div data-testid="chart-readme">{tokens.map((item, index) => block(item, String(index)))}</div>;
}

/** A README's parts keyed by their place in it: the text is fixed for a render, so the place is the identity. */
function keyed<T>(items: T[], prefix: string): Array<{ item: T; key: string }> {
  return items.map((item, index) => ({ item, key: `${prefix}.${index}` }));
}

/** Links a README may open: the web and mail, never `javascript:` or `data:`. */
function safeHref(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href.trim());
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  apos: "'",
  nbsp: '\u00a0',
};

/** marked keeps entities (and escapes code spans); shown as text, they are turned back into characters. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (whole, name: string) => {
    if (name in ENTITIES) return ENTITIES[name] as string;
    const lower = name.toLowerCase();
    const code = lower.startsWith('#x')
      ? Number.parseInt(lower.slice(2), 16)
      : lower.startsWith('#')
        ? Number(lower.slice(1))
        : Number.NaN;
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
  });
}
