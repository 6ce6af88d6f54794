/** plumbline/losses: differentiable losses on TensorFlow.js tensors (peer dependency @tensorflow/tfjs-core). */
export {};
