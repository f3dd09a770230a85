import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { loadLocale } from './app/locale-loading.ts';
import { initialLocale } from './app/preferences.ts';
import { firstLoadSettled } from './features/overview/first-load.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The first render waits briefly for the first load's answers, so the page renders whole at once.
// The reader's language is loaded meanwhile (English is built in; 简体中文 is a chunk of its own).
const words = loadLocale(initialLocale(localStorage, navigator.languages));
void Promise.all([firstLoadSettled(), words]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
