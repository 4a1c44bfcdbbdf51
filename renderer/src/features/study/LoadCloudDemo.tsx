import { useState } from 'react';
import type { CloudIncidentsDemoFiles, CloudModel, CloudVendor } from '../../../../shared/demo/cloudIncidentsDemo.ts';
import { useNavigation } from '../../store/navigation.ts';
import { useStudy } from '../../store/study.ts';
import { useStudyFileJob } from './studyFileJob.ts';

const FOLDER = 'samples/llm-cloud-incident-extraction/';
const VENDORS: readonly CloudVendor[] = ['aws', 'azure', 'gcp'];
const MODELS: ReadonlyArray<[CloudModel, string]> = [
  ['gpt-4o', 'gpt-4o-1'],
  ['claude', 'claude-4-1'],
];
export const CLOUD_DEMO_NAME = 'Cloud incidents: people and language models';

async function fetchText(path: string): Promise<string> {
  const response = await fetch(`${FOLDER}${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

/** The files of the second demo, as shipped (renderer/public/samples/llm-cloud-incident-extraction/, CC0). */
async function fetchDemoFiles(): Promise<CloudIncidentsDemoFiles> {
  const labels = await Promise.all(VENDORS.map(async (vendor) => ({ vendor, fileName: `${vendor}_label.csv`, text: await fetchText(`label_data/${vendor}_label.csv`) })));
  const extractions = await Promise.all(
    VENDORS.flatMap((vendor) => MODELS.map(async ([model, file]) => ({ vendor, model, fileName: `${vendor}_ext-${file}-resp.jsonl`, text: await fetchText(`llm_extractions/${vendor}_ext-${file}-resp.jsonl`) }))),
  );
  const [symptomDefinitions, rootCauseDefinitions] = await Promise.all([fetchText('codebook/user_symp_instruction.txt'), fetchText('codebook/root_cause_instruction.txt')]);
  return { labels, extractions, symptomDefinitions, rootCauseDefinitions };
}

/**
 * One click for the second demo study, real data: 460 AWS, Azure and GCP status reports with the labels human
 * annotators gave and those GPT-4o and Claude extracted (CC0), as a new study of its own, opened on the agreement
 * view: how well do language models agree with human annotators?
 */
export function LoadCloudDemo() {
  const fileJob = useStudyFileJob();
  const { open, refresh } = useStudy();
  const go = useNavigation((s) => s.go);
  const [status, setStatus] = useState('');
  const load = async () => {
    setStatus('Reading the data set…');
    try {
      const files = await fetchDemoFiles();
      const job = await fileJob.run({ type: 'demo', files, name: CLOUD_DEMO_NAME, now: new Date().toISOString() });
      if (job.step !== 'imported') {
        setStatus(job.step === 'failed' ? `The demo could not be loaded: ${job.message}` : 'Cancelled.');
        return;
      }
      await refresh();
      await open(job.entry);
      go('agreement');
    } catch (e) {
      setStatus(`The demo could not be loaded: ${(e as Error).message}`);
    }
  };
  const running = fileJob.job.step === 'running' && fileJob.job.what === 'demo' ? fileJob.job : null;
  return (
    <span>
      <button type="button" onClick={() => void load()} disabled={fileJob.job.step === 'running'} data-testid="load-cloud-demo">
        Load the second demo: cloud incidents coded by people and by two language models (a new study)
      </button>{' '}
      {running ? (
        <span role="status">
          <label htmlFor="cloud-demo-progress">{running.label}</label> <progress id="cloud-demo-progress" max={running.total} value={running.done} />{' '}
          <button type="button" onClick={fileJob.cancel}>
            Cancel
          </button>
        </span>
      ) : (
        <span role="status" data-testid="cloud-demo-status">
          {status}
        </span>
      )}
    </span>
  );
}
