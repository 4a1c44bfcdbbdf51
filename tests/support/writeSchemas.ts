import { writeFileSync } from 'node:fs';
import { generatedSchemas } from './schemaFiles.ts';

// `npm run schemas`: writes schemas/*.json from the TypeBox declarations in shared/. The files are never edited by hand.
for (const [fileName, text] of Object.entries(generatedSchemas())) {
  writeFileSync(new URL(`../../schemas/${fileName}`, import.meta.url), text);
  console.log(`schemas/${fileName}`);
}
