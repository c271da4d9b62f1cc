import { createRoot } from 'react-dom/client';
import './ui/styles.css';
import { App } from './shell/App';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
