//! "Questions I need answered" (step 3) as session operations.
//!
//! The partner who was hurt — or either partner when both broke trust or the part isn't said —
//! asks; the other answers in their own time. Each writes only their own words: the asker may
//! reword an open question or withdraw it, the other may write and revise the answer. There is
//! no deadline, no reminder and no count of waiting questions anywhere.

use super::{Session, SessionError};
use crate::doc::{Record, SharedState};
use crate::ids::ExerciseEntryId;
use crate::model::{Answer, ModelError, Question, QuestionState, TextField};

impl Session {
    /// Ask my partner a question. Refused for the partner who broke trust, who answers here.
    pub fn ask_question(&mut self, text: &str) -> Result<Question, SessionError> {
        let me = self.require_me()?;
        if self.my_part().is_some_and(|p| !p.asks_questions()) {
            return Err(ModelError::AnswersNotQuestions.into());
        }
        let now = self.now();
        let question = Question {
            id: ExerciseEntryId::random(),
            asker: me,
            text: TextField::Question.clean(text)?,
            asked_at: now,
            updated_at: now,
            withdrawn_at: None,
        };
        self.put_question(&question)?;
        Ok(question)
    }

    /// Change the words of one of my questions, while it is still open.
    pub fn reword_question(&mut self, id: &ExerciseEntryId, text: &str) -> Result<Question, SessionError> {
        let mut question = self.own_open_question(id)?;
        question.text = TextField::Question.clean(text)?;
        question.updated_at = self.now();
        self.put_question(&question)?;
        Ok(question)
    }

    /// Withdraw one of my open questions: it needs no answer any more, on both phones.
    pub fn withdraw_question(&mut self, id: &ExerciseEntryId) -> Result<Question, SessionError> {
        let mut question = self.own_open_question(id)?;
        question.withdrawn_at = Some(self.now());
        self.put_question(&question)?;
        Ok(question)
    }

    /// Answer my partner's question (again to revise my answer), whenever I am ready.
    pub fn answer_question(&mut self, id: &ExerciseEntryId, text: &str) -> Result<Answer, SessionError> {
        let me = self.require_me()?;
        let question = self.question(id)?;
        if question.asker == me {
            return Err(ModelError::OwnRecord { action: "answer", what: "question" }.into());
        }
        if question.withdrawn_at.is_some() {
            let asker = self.shared_state.name_of(&question.asker);
            return Err(ModelError::QuestionWithdrawn { asker }.into());
        }
        let answer =
            Answer { question: id.clone(), by: me, text: TextField::Answer.clean(text)?, at: self.now() };
        self.edit_shared(|doc| {
            doc.put(&answer)?;
            Ok(vec![answer.doc_key()])
        })?;
        Ok(answer)
    }

    fn put_question(&mut self, question: &Question) -> Result<(), SessionError> {
        self.edit_shared(|doc| {
            doc.put(question)?;
            Ok(vec![question.doc_key()])
        })
    }

    fn question(&self, id: &ExerciseEntryId) -> Result<Question, SessionError> {
        Ok(self
            .shared_state
            .questions
            .get(id.as_str())
            .cloned()
            .ok_or_else(|| ModelError::UnknownRecord { what: "question", id: id.to_string() })?)
    }

    /// A question that is mine and still open, or the specific reason it can't change.
    fn own_open_question(&self, id: &ExerciseEntryId) -> Result<Question, SessionError> {
        let me = self.require_me()?;
        let question = self.question(id)?;
        if question.asker != me {
            let owner = self.shared_state.name_of(&question.asker);
            return Err(ModelError::NotYourWords { what: "question", owner }.into());
        }
        match self.shared_state.question_state(&question) {
            QuestionState::Open => Ok(question),
            QuestionState::Answered => Err(ModelError::QuestionAnswered.into()),
            QuestionState::Withdrawn => {
                Err(ModelError::QuestionWithdrawn { asker: "you".to_string() }.into())
            }
        }
    }
}

/// A question with its answer, as the exercise lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionWithAnswer<'a> {
    /// The question.
    pub question: &'a Question,
    /// Its answer, if written.
    pub answer: Option<&'a Answer>,
    /// Where it stands.
    pub state: QuestionState,
}

impl SharedState {
    /// Where a question stands: withdrawn once its asker withdrew it (an answer that crossed
    /// paths with the withdrawal stays readable), else answered once answered, else open.
    pub fn question_state(&self, question: &Question) -> QuestionState {
        if question.withdrawn_at.is_some() {
            QuestionState::Withdrawn
        } else if self.answers.get(question.id.as_str()).is_some() {
            QuestionState::Answered
        } else {
            QuestionState::Open
        }
    }

    /// Every question with its answer: open ones first, then answered, then withdrawn; newest
    /// first within each (ties by id, so both phones list them alike).
    pub fn questions_in_order(&self) -> Vec<QuestionWithAnswer<'_>> {
        let mut list: Vec<QuestionWithAnswer<'_>> = self
            .questions
            .iter()
            .map(|question| QuestionWithAnswer {
                question,
                answer: self.answers.get(question.id.as_str()),
                state: self.question_state(question),
            })
            .collect();
        let rank = |s: QuestionState| match s {
            QuestionState::Open => 0,
            QuestionState::Answered => 1,
            QuestionState::Withdrawn => 2,
        };
        list.sort_by(|a, b| {
            rank(a.state)
                .cmp(&rank(b.state))
                .then(b.question.asked_at.cmp(&a.question.asked_at))
                .then(a.question.id.cmp(&b.question.id))
        });
        list
    }
}
