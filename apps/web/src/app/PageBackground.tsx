import { theme } from 'antd';
import { useEffect } from 'react';

/** The page behind every layout takes the theme's colours, so dark mode has no white edges. */
export function PageBackground() {
  const { token } = theme.useToken();
  useEffect(() => {
    document.body.style.margin = '0';
    document.body.style.backgroundColor = token.colorBgLayout;
    document.body.style.color = token.colorText;
    document.body.style.colorScheme = token.colorBgLayout === '#000' ? 'dark' : 'light';
  }, [token.colorBgLayout, token.colorText]);
  return null;
}
