// The service cycle's questionnaires (manual 003, ADR 0039): the form logic (what the
// editor sends, what the browser checks before the server, answers per kind, the words
// of a stored answer), the editor with the server's errors on their fields, and the
// answering page with required questions, the focus on the first error and the stored
// answers.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FollowupQuestionnaire, Question, Questionnaire } from '../../shared/api/types';
import { translate } from '../../shared/i18n/i18n';
import { agent, fakeApi, followupOf, meOf, problem, tables } from '../../test/fakeApi';
import { renderWith } from '../../test/render';
import { FollowupQuestionnairesPage } from './FollowupQuestionnairesPage';
import { QuestionnairesAdmin } from './QuestionnairesAdmin';
import {
  answerText,
  checkAnswers,
  checkQuestionnaire,
  draftsOf,
  questionForm,
  toAnswers,
  toQuestionnaireInput,
} from './questionnaireForm';

const t = (key: string, params?: Record<string, string | number>) => translate('pt-BR', key, params);
const tEs = (key: string, params?: Record<string, string | number>) => translate('es', key, params);

const Q = (over: Partial<Question>): Question => ({
  text: 'Pergunta',
  kind: 'text',
  required: false,
  options: [],
  min: null,
  max: null,
  ...over,
});

const QUESTIONS: Question[] = [
  Q({ text: 'Cliente satisfeito?', kind: 'yes_no', required: true }),
  Q({ text: 'Canal preferido', kind: 'choice', required: true, options: ['Telefone', 'E-mail', 'WhatsApp'] }),
  Q({ text: 'Unidades', kind: 'number', min: 1, max: 100 }),
  Q({ text: 'Data da visita', kind: 'date' }),
  Q({ text: 'Observações', kind: 'text' }),
];

const questionnaireOf = (over: Partial<Questionnaire> = {}): Questionnaire => ({
  id: 5,
  attendance_type_id: 2,
  title: 'Ciclo de venda',
  questions: QUESTIONS,
  version: 2,
  active: true,
  ...over,
});

const typeItem = {
  id: 2,
  name: 'Venda',
  names: { 'pt-BR': 'Venda', es: 'Venta', en: 'Sale' },
  attachments_allowed: true,
  max_attachment_bytes: 1024 * 1024,
  parecer_text: '',
  email_subject: '',
  email_text: '',
  workflow_id: null,
  active: true,
  is_default: false,
};

describe('questionnaire form logic', () => {
  it('sends each question with the members of its kind only; bounds take a decimal comma', () => {
    const form = {
      title: '  Pesquisa ',
      questions: [
        { ...questionForm(), text: 'Canal', kind: 'choice' as const, options: ' Telefone \n\nE-mail\n', min: '3' },
        { ...questionForm(), text: 'Unidades', kind: 'number' as const, min: '1,5', max: '', required: true },
        { ...questionForm(), text: 'Quando?', kind: 'date' as const, options: 'x\ny' },
      ],
    };
    expect(toQuestionnaireInput(form)).toEqual({
      title: 'Pesquisa',
      questions: [
        { text: 'Canal', kind: 'choice', required: false, options: ['Telefone', 'E-mail'] },
        { text: 'Unidades', kind: 'number', required: true, min: 1.5, max: null },
        { text: 'Quando?', kind: 'date', required: false },
      ],
    });
  });

  it('names every field the server would refuse, at its path', () => {
    const errors = checkQuestionnaire(
      {
        title: ' ',
        questions: [
          { ...questionForm(), text: '', kind: 'text' },
          { ...questionForm(), text: 'Canal', kind: 'choice', options: 'Só um' },
          { ...questionForm(), text: 'Canal', kind: 'choice', options: 'A\nA' },
          { ...questionForm(), text: 'Nota', kind: 'number', min: '10', max: '2' },
          { ...questionForm(), text: 'Nota', kind: 'number', min: 'dez' },
        ],
      },
      t,
    );
    expect(errors).toEqual({
      title: 'Preencha este campo.',
      'questions[0].text': 'Preencha este campo.',
      'questions[1].options': 'Informe de 2 a 30 opções, uma por linha.',
      'questions[2].options': 'As opções devem ser diferentes entre si.',
      'questions[3].max': 'O máximo não pode ser menor que o mínimo.',
      'questions[4].min': 'Informe um número.',
    });
    expect(checkQuestionnaire({ title: 'X', questions: [] }, t)).toEqual({
      questions: 'Inclua ao menos uma pergunta.',
    });
  });

  it('turns the drafts into answers of each kind; blanks are null', () => {
    expect(toAnswers(QUESTIONS, ['yes', 'WhatsApp', '12,5', '2026-12-01', 'Pediu retorno'])).toEqual([
      true,
      'WhatsApp',
      12.5,
      '2026-12-01',
      'Pediu retorno',
    ]);
    expect(toAnswers(QUESTIONS, ['no', '', '', '', '   '])).toEqual([false, null, null, null, null]);
  });

  it('checks required answers, bounds, options and dates before sending', () => {
    expect(checkAnswers(QUESTIONS, ['', '', '', '', ''], t)).toEqual({
      'answers[0]': 'Preencha este campo.',
      'answers[1]': 'Preencha este campo.',
    });
    expect(checkAnswers(QUESTIONS, ['yes', 'Fax', '101', '2026-02-30', ''], t)).toEqual({
      'answers[1]': 'Valor inválido.',
      'answers[2]': 'De 1 a 100.',
      'answers[3]': 'Data inválida.',
    });
    expect(checkAnswers(QUESTIONS, ['yes', 'E-mail', '100', '2026-02-28', 'ok'], t)).toEqual({});
    expect(checkAnswers(QUESTIONS, ['', 'E-mail', '', '', ''], tEs)['answers[0]']).toBe('Complete este campo.');
  });

  it('starts from the stored answers only when they answered this version', () => {
    const q = questionnaireOf();
    const stored = {
      version: 2,
      title: 'Ciclo de venda',
      answered_by: { id: 7, name: 'João Lima' },
      answered_at: '2026-11-23T10:00:00-03:00',
      items: [
        { question: 'Cliente satisfeito?', kind: 'yes_no' as const, value: false },
        { question: 'Canal preferido', kind: 'choice' as const, value: 'E-mail' },
        { question: 'Unidades', kind: 'number' as const, value: 3 },
        { question: 'Data da visita', kind: 'date' as const, value: null },
        { question: 'Observações', kind: 'text' as const, value: 'Oi' },
      ],
    };
    expect(draftsOf(q, stored)).toEqual(['no', 'E-mail', '3', '', 'Oi']);
    expect(draftsOf(q, { ...stored, version: 1 })).toEqual(['', '', '', '', '']);
    expect(draftsOf(q, null)).toEqual(['', '', '', '', '']);
  });

  it("writes a stored answer in the viewer's words", () => {
    expect(answerText({ kind: 'yes_no', value: true }, t, 'pt-BR')).toBe('Sim');
    expect(answerText({ kind: 'yes_no', value: false }, tEs, 'es')).toBe('No');
    expect(answerText({ kind: 'date', value: '2026-12-01' }, t, 'pt-BR')).toBe('01/12/2026');
    expect(answerText({ kind: 'number', value: 1234.5 }, t, 'pt-BR')).toBe('1.234,5');
    expect(answerText({ kind: 'number', value: 1234.5 }, t, 'en')).toBe('1,234.5');
    expect(answerText({ kind: 'text', value: null }, t, 'pt-BR')).toBe('—');
  });
});

describe('the questionnaire editor', () => {
  it("creates a questionnaire; the server's error lands on its field, which takes the focus", async () => {
    let attempts = 0;
    const server = fakeApi({
      ...tables,
      'GET /attendance-types': { body: { items: [typeItem] } },
      'GET /attendance-types/2/questionnaires': { body: { items: [questionnaireOf({ active: false })] } },
      'POST /attendance-types/2/questionnaires': (req) => {
        attempts += 1;
        if (attempts === 1)
          return problem(422, 'validation', 'Confira os campos.', [
            { field: 'questions[1].options', code: 'invalid_value', message: 'Valor inválido.' },
          ]);
        const sent = req.body as { title: string; questions: Partial<Question>[] };
        const questions = sent.questions.map((q) => Q(q));
        return { status: 201, body: questionnaireOf({ id: 6, version: 1, title: sent.title, questions }) };
      },
    });
    const configurer = { ...agent, id: 9 };
    const me = { ...meOf(configurer), rights: [...meOf(configurer).rights, 'configure_attendance' as const] };
    renderWith(<QuestionnairesAdmin typeId={2} />, { me });
    const row = (await screen.findByText('Ciclo de venda')).closest('tr')!;
    expect(within(row).getByText('Desativado')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Reativar Ciclo de venda' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Novo questionário' }));
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findAllByText('Preencha este campo.')).toHaveLength(2);
    await waitFor(() => expect(document.activeElement?.id).toBe('qn-title'));
    expect(server.find('POST', '/attendance-types/2/questionnaires')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText(/^Título/), { target: { value: 'Pós-venda' } });
    const first = screen.getByRole('listitem', { name: 'Pergunta 1' });
    fireEvent.change(within(first).getByLabelText(/^Pergunta/), { target: { value: 'Cliente satisfeito?' } });
    fireEvent.change(within(first).getByLabelText('Tipo de resposta'), { target: { value: 'yes_no' } });
    fireEvent.click(within(first).getByLabelText('Resposta obrigatória'));
    fireEvent.click(screen.getByRole('button', { name: 'Adicionar pergunta' }));
    const second = screen.getByRole('listitem', { name: 'Pergunta 2' });
    fireEvent.change(within(second).getByLabelText(/^Pergunta/), { target: { value: 'Canal' } });
    fireEvent.change(within(second).getByLabelText('Tipo de resposta'), { target: { value: 'choice' } });
    fireEvent.change(within(second).getByLabelText('Opções'), { target: { value: 'Telefone\nE-mail' } });
    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));

    const options = within(second).getByLabelText('Opções');
    await waitFor(() => expect(options.getAttribute('aria-invalid')).toBe('true'));
    expect(within(second).getByText('Valor inválido.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(options));
    expect(server.find('POST', '/attendance-types/2/questionnaires')[0].body).toEqual({
      title: 'Pós-venda',
      questions: [
        { text: 'Cliente satisfeito?', kind: 'yes_no', required: true },
        { text: 'Canal', kind: 'choice', required: false, options: ['Telefone', 'E-mail'] },
      ],
    });

    fireEvent.click(screen.getByRole('button', { name: 'Salvar' }));
    expect(await screen.findByText('Questionário “Pós-venda” criado.')).toBeTruthy();
  });
});

describe('answering on the follow-up', () => {
  const offered = (answers: FollowupQuestionnaire['answers'] = null): FollowupQuestionnaire => ({
    questionnaire: questionnaireOf(),
    answers,
  });

  it('marks the required questions, focuses the first missing one, and sends the answers with the version', async () => {
    const stored = {
      version: 2,
      title: 'Ciclo de venda',
      answered_by: { id: 7, name: 'João Lima' },
      answered_at: '2026-11-23T10:00:00-03:00',
      items: [
        { question: 'Cliente satisfeito?', kind: 'yes_no' as const, value: true },
        { question: 'Canal preferido', kind: 'choice' as const, value: 'WhatsApp' },
        { question: 'Unidades', kind: 'number' as const, value: 12.5 },
        { question: 'Data da visita', kind: 'date' as const, value: '2026-12-01' },
        { question: 'Observações', kind: 'text' as const, value: null },
      ],
    };
    let current = offered();
    const server = fakeApi({
      ...tables,
      'GET /followups/1043': { body: followupOf(), headers: { ETag: '"3"' } },
      'GET /followups/1043/questionnaires': () => ({ body: { items: [current] } }),
      'PUT /followups/1043/questionnaires/5/answers': () => {
        current = offered(stored);
        return { body: current };
      },
    });
    renderWith(<FollowupQuestionnairesPage id={1043} />, { me: meOf(agent) });
    const panel = await screen.findByRole('region', { name: 'Ciclo de venda' });
    expect(within(panel).getByText('Ainda não respondido.')).toBeTruthy();
    const satisfied = within(panel).getByRole('group', { name: /Cliente satisfeito\?/ });
    expect(satisfied.getAttribute('aria-required')).toBe('true');
    fireEvent.click(within(panel).getByRole('button', { name: 'Gravar' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('qa-5-0'));
    expect(satisfied.getAttribute('aria-invalid')).toBe('true');
    expect(within(panel).getAllByText('Preencha este campo.')).toHaveLength(2);
    expect(server.find('PUT', '/followups/1043/questionnaires/5/answers')).toHaveLength(0);

    fireEvent.click(within(satisfied).getByLabelText('Sim'));
    fireEvent.change(within(panel).getByLabelText(/Canal preferido/), { target: { value: 'WhatsApp' } });
    fireEvent.change(within(panel).getByLabelText(/Unidades/), { target: { value: '12.5' } });
    fireEvent.change(within(panel).getByLabelText(/Data da visita/), { target: { value: '2026-12-01' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Gravar' }));
    await waitFor(() => expect(server.find('PUT', '/followups/1043/questionnaires/5/answers')).toHaveLength(1));
    expect(server.find('PUT', '/followups/1043/questionnaires/5/answers')[0].body).toEqual({
      answers: [true, 'WhatsApp', 12.5, '2026-12-01', null],
      version: 2,
    });
    expect(await within(panel).findByText('Respostas gravadas; estão também no histórico.')).toBeTruthy();
    const set = await within(panel).findByTestId('answer-set');
    expect(set.textContent).toContain('Cliente satisfeito?Sim');
    expect(set.textContent).toContain('Data da visita01/12/2026');
    expect(set.textContent).toContain('Unidades12,5');
    expect(within(panel).getByRole('button', { name: 'Responder de novo' })).toBeTruthy();
  });

  it("puts the server's refusal of an answer on its question", async () => {
    fakeApi({
      ...tables,
      'GET /followups/1043': { body: followupOf(), headers: { ETag: '"3"' } },
      'GET /followups/1043/questionnaires': { body: { items: [offered()] } },
      'PUT /followups/1043/questionnaires/5/answers': problem(422, 'validation', 'Confira.', [
        { field: 'answers[2]', code: 'out_of_range', message: 'Valor fora do intervalo.' },
      ]),
    });
    renderWith(<FollowupQuestionnairesPage id={1043} />, { me: meOf(agent) });
    const panel = await screen.findByRole('region', { name: 'Ciclo de venda' });
    fireEvent.click(within(panel).getByLabelText('Não'));
    fireEvent.change(within(panel).getByLabelText(/Canal preferido/), { target: { value: 'E-mail' } });
    fireEvent.change(within(panel).getByLabelText(/Unidades/), { target: { value: '50' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Gravar' }));
    const units = within(panel).getByLabelText(/Unidades/);
    await waitFor(() => expect(units.getAttribute('aria-invalid')).toBe('true'));
    expect(within(panel).getByText('Valor fora do intervalo.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(units));
  });

  it('a closed follow-up shows the answers and no form; the export is offered with the right', async () => {
    fakeApi({
      ...tables,
      'GET /followups/1043': { body: followupOf({ status: 'closed', state: 'closed' }), headers: { ETag: '"3"' } },
      'GET /followups/1043/questionnaires': { body: { items: [offered()] } },
    });
    renderWith(<FollowupQuestionnairesPage id={1043} />, { me: meOf(agent) });
    const panel = await screen.findByRole('region', { name: 'Ciclo de venda' });
    expect(screen.getByText(/O follow-up está concluído/)).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Gravar' })).toBeNull();
    expect(within(panel).getByRole('button', { name: 'Exportar' })).toBeTruthy();
  });

  it("shows when it was answered in the viewer's zone, and a date answer as the same day everywhere", async () => {
    const stored = {
      version: 2,
      title: 'Ciclo de venda',
      answered_by: { id: 7, name: 'João Lima' },
      // The night New York moves its clocks forward.
      answered_at: '2026-03-08T07:30:00Z',
      items: [
        { question: 'Cliente satisfeito?', kind: 'yes_no' as const, value: true },
        { question: 'Canal preferido', kind: 'choice' as const, value: 'E-mail' },
        { question: 'Unidades', kind: 'number' as const, value: null },
        { question: 'Data da visita', kind: 'date' as const, value: '2026-03-08' },
        { question: 'Observações', kind: 'text' as const, value: null },
      ],
    };
    for (const [zone, time] of [
      ['America/Sao_Paulo', '04:30'],
      ['America/Mexico_City', '01:30'],
      ['America/New_York', '03:30'],
    ]) {
      fakeApi({
        ...tables,
        'GET /followups/1043': { body: followupOf(), headers: { ETag: '"3"' } },
        'GET /followups/1043/questionnaires': { body: { items: [offered(stored)] } },
      });
      const view = renderWith(<FollowupQuestionnairesPage id={1043} />, { me: meOf({ ...agent, time_zone: zone }) });
      const set = await screen.findByTestId('answer-set');
      expect(set.textContent, zone).toContain(`08/03/2026, ${time}`);
      expect(set.textContent, zone).toContain('Data da visita08/03/2026');
      view.unmount();
    }
  });
});
