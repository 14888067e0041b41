import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

// Start the application in a task of its own, after the one that evaluated the scripts: two shorter tasks
// instead of one long one, so a tap or a key press during start-up is handled in between.
setTimeout(() => bootstrapApplication(AppComponent, appConfig).catch((error) => console.error(error)));
