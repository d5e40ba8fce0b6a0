// The "Complete Enhancement Example" of resume-enhancement.md, as the document
// gives it. The page that loads it defines `token` and `displayEnhancedResume`.

const enhanceResume = async (jobId, resumeFile) => {
    const formData = new FormData();
    formData.append('file', resumeFile);
    
    try {
        const response = await fetch(`/api/resume/enhance-resume/${jobId}/`, {
            method: 'POST',
            headers: {
                'Authorization': `Bearer ${token}`
            },
            body: formData
        });
        
        if (response.ok) {
            const data = await response.json();
            
            // Enhancement is complete immediately!
            console.log('Enhanced resume ready:', data.enhanced_resume);
            
            // Use the enhanced resume data right away
            displayEnhancedResume(data.enhanced_resume);
            
            return data.enhanced_resume;
        } else {
            const errorData = await response.json();
            throw new Error(errorData.error || 'Enhancement failed');
        }
    } catch (error) {
        console.error('Enhancement error:', error);
        throw error;
    }
};
