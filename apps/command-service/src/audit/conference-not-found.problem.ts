import { ProblemException } from '#libs/service-kit';
import { conferenceNotFoundProblem } from '../seat-availability/refusal.problem.js';

export const conferenceNotFound = (conferenceId: string, detail?: string): ProblemException =>
  new ProblemException(conferenceNotFoundProblem(conferenceId, detail));
