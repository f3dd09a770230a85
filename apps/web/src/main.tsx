import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { firstLoadSettled } from './features/overview/first-load.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The first render waits briefly for the first load's answers, so the page renders whole at once.
void firstLoadSettled().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
