import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n.js';
import './styles.css';
import { App } from './App.js';

// Norwegian is in the page; another language's catalogue arrives first, so no screen flashes in the wrong one.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
