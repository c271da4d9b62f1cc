import { createRoot } from 'react-dom/client';
import './app/styles.css';
import { App } from './app/App';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
